"""Every ACLED sub-event type (plus the humanitarian Displacement and Aid), defined once.

The definitions paraphrase ACLED's public codebook in sitroom's own words. The example
reports are invented for this module (no text of any evaluation set is used): the event
typer embeds definitions and examples and compares a sentence against them, so they are
written to vary wording, actor and style (wire, headline, coder note, local paper).
`NONE` holds sentences that use conflict words but report no event. The word cues and the rules'
regexes that decide between sub-types are in `sitroom.knowledge.event_cues`.
"""

from __future__ import annotations

from dataclasses import dataclass

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
HUMANITARIAN = "Humanitarian"


@dataclass(frozen=True)
class EventType:
    type: str  # ACLED event type (or "Displacement"/"Aid" for the humanitarian ones, as sitroom emits them)
    subtype: str
    definition: str
    examples: tuple[str, ...]


T = EventType
TYPES: tuple[EventType, ...] = (
    T(BATTLES, "Armed clash", "Two armed, organised groups fight each other, exchanging fire; an assault on a "
      "military post that is met with fire; no place changes hands.", (
        "Soldiers and rebel fighters exchanged fire for several hours near the border town.",
        "Militants stormed an army checkpoint overnight and troops fought them off, leaving six dead on both sides.",
        "Two rival militias battled each other with machine guns in the market district.",
        "Gunfight between police and a drug cartel leaves 4 dead",
        "Insurgents ambushed a military convoy on the highway and a firefight followed.",
        "Government soldiers repelled an assault by militants on their positions near the dam.",
        "Fighting broke out between two armed factions in the old city and lasted until dawn.",
    )),
    T(BATTLES, "Government regains territory", "Government forces or their allies take back a town, village or "
      "area from a rebel or armed group by fighting.", (
        "The army recaptured the town from the insurgents after three days of fighting.",
        "Government troops retake key district from rebels",
        "Pro-government forces drove militants out of the village and restored state control.",
        "Security forces regained control of the port city following heavy battles with the armed group.",
        "After a gun battle, soldiers forced the militants out of the valley and restored state authority there.",
        "The army said it had cleared the last rebel pocket in the district and raised the national flag.",
        "Soldiers backed by militia allies recaptured the mining town after routing the rebels.",
        "The national army said it had liberated the area from the jihadists following clashes.",
        "Troops retake border town after fierce battle with insurgents",
    )),
    T(BATTLES, "Non-state actor overtakes territory", "A rebel, jihadist, militia or gang group seizes a town, base "
      "or area by fighting and takes control of it.", (
        "Rebels captured the district capital after overrunning the army's defences.",
        "Jihadist fighters seize a town in the north after soldiers flee",
        "The militia took control of the airbase following clashes with government troops.",
        "Armed group overruns border post and raises its flag over the town.",
        "The group said its fighters had taken over the provincial capital after routing the garrison.",
    )),
    T(REMOTE, "Chemical weapon", "A toxic chemical agent such as chlorine, sarin or mustard gas is used as a weapon, "
      "whatever delivers it.", (
        "Residents choked and foamed at the mouth after a chlorine gas attack on the suburb.",
        "Doctors said victims showed signs of exposure to a nerve agent after rockets hit the town.",
        "A bomb releasing toxic gas was dropped on the neighbourhood, causing breathing problems for dozens.",
        "Investigators found that sarin was used in the strike on the village.",
    )),
    T(REMOTE, "Air/drone strike", "Aircraft, helicopters or armed drones bomb or fire missiles at a target, or a "
      "drone drops explosives.", (
        "Warplanes bombed a rebel position, killing twelve fighters.",
        "A drone strike hit a car carrying suspected militants, killing three.",
        "Helicopter gunships fired on the village, local officials said.",
        "Air raids pound the city as jets strike fuel depots",
        "A kamikaze drone crashed into an apartment block and exploded.",
    )),
    T(REMOTE, "Suicide bomb", "An attacker detonates explosives worn on the body or packed in the vehicle they drive.",
      (
        "A suicide bomber blew himself up at the entrance of a mosque, killing 20 worshippers.",
        "An attacker wearing an explosive vest detonated it among a crowd of recruits.",
        "A man drove a car packed with explosives into the gate of the police headquarters and blew it up.",
        "Suicide attack kills 9 at wedding hall",
        "A bomber wearing a vest packed with explosives detonated it at the checkpoint, killing four police officers.",
        "An attacker drove a truck laden with explosives into the gate of the army camp before it exploded.",
        "A young woman with explosives strapped to her body blew herself up in the crowded market.",
        "Suicide car bomber targets military convoy on highway",
    )),
    T(REMOTE, "Shelling/artillery/missile attack", "Mortars, artillery shells, rockets or missiles fired from the "
      "ground or the sea hit a place.", (
        "Artillery shells landed in a residential area, wounding five civilians.",
        "Mortar rounds fired by the militants struck the army base.",
        "Rockets were launched at the town overnight, damaging several homes.",
        "A ballistic missile slammed into the city centre, officials said.",
        "Forces shelled the village with heavy guns for hours.",
    )),
    T(REMOTE, "Remote explosive/landmine/IED", "A planted or hidden explosive (roadside bomb, landmine, IED, parked "
      "car bomb, sticky bomb) goes off, set off remotely or by a victim.", (
        "A roadside bomb exploded as a military vehicle passed, killing two soldiers.",
        "A child was killed when he stepped on a landmine while herding goats.",
        "An improvised explosive device hidden in a motorcycle went off near the market.",
        "A car bomb parked outside a government building detonated during rush hour.",
        "Blast from a magnetic bomb attached to a car kills official",
    )),
    T(REMOTE, "Grenade", "A hand grenade is thrown at people or a building.", (
        "An unknown attacker threw a hand grenade into a bar, wounding six people.",
        "A grenade was hurled at a police station overnight, causing damage but no casualties.",
        "Men on a motorbike lobbed a grenade into the crowd at the bus stop.",
        "Grenade attack on shop injures owner",
    )),
    T(VAC, "Sexual violence", "Armed or organised actors rape or sexually assault people.", (
        "Fighters raped several women during a raid on the village, a rights group said.",
        "Soldiers were accused of sexually assaulting girls at a checkpoint.",
        "Militia members gang-raped a woman returning from the fields.",
        "Survivors said armed men committed sexual violence against displaced women in the camp.",
    )),
    T(VAC, "Attack", "Armed actors kill, wound or assault unarmed civilians: massacres, executions, assassinations, "
      "shootings of villagers, or someone seized and then killed.", (
        "Gunmen stormed a village and killed 14 civilians, burning their bodies.",
        "Unknown assailants shot dead a journalist outside his home.",
        "Militants executed five farmers they accused of spying.",
        "Armed men kill 8 passengers after stopping bus",
        "A local councillor was abducted and his body was found a day later with gunshot wounds.",
        "Assailants on motorbikes shot dead a village chief and his son on their farm.",
        "Fighters rounded up men in the village and executed them by the river.",
        "A human rights lawyer was gunned down outside his office.",
        "Gunmen raid church, killing worshippers during Sunday service",
    )),
    T(VAC, "Abduction/forced disappearance", "People are kidnapped or taken by armed men, or detained by state agents "
      "who then do not say where they are held.", (
        "Gunmen kidnapped 30 students from their school dormitory.",
        "Armed men abducted a priest on the road and are demanding a ransom.",
        "An activist was taken away by men in plain clothes and his family has no news of his whereabouts.",
        "Bandits seize travellers on highway",
    )),
    T(PROTESTS, "Peaceful protest", "People demonstrate, march, rally or strike without violence and without "
      "intervention.", (
        "Hundreds of teachers marched to the ministry to demand unpaid salaries.",
        "Residents held a sit-in outside the governor's office to protest water shortages.",
        "Thousands rally in capital against new tax law",
        "Farmers staged a peaceful demonstration, blocking a road with tractors for several hours.",
        "Nurses stopped work and held a rally outside the health ministry over unpaid wages.",
        "Students gathered outside the university to call for the release of detained classmates.",
        "Traders shut their shops and marched through the town against rising fuel prices.",
        "Residents demonstrated peacefully to demand better security after a wave of killings.",
        "Mothers of missing soldiers hold vigil outside ministry",
    )),
    T(PROTESTS, "Protest with intervention", "A peaceful protest is dispersed, blocked or repressed without lethal "
      "force: tear gas, water cannon, batons, rubber bullets, arrests.", (
        "Police fired tear gas and water cannon to disperse students demonstrating peacefully.",
        "Riot police beat marchers with batons and detained dozens of protesters.",
        "Security forces broke up a sit-in by opposition supporters.",
        "Officers arrest 40 at peaceful climate rally",
        "Police removed a road blockade set up by striking workers and detained several of them.",
    )),
    T(PROTESTS, "Excessive force against protesters", "Security forces use lethal force on peaceful protesters: live "
      "fire, protesters killed or seriously wounded.", (
        "Soldiers opened fire with live ammunition on unarmed demonstrators, killing seven.",
        "Security forces shot dead three protesters during a peaceful march.",
        "Police fired on crowds of protesters, leaving dozens hospitalised with gunshot wounds.",
        "Troops kill protesters demanding end to military rule",
    )),
    T(RIOTS, "Violent demonstration", "Demonstrators themselves turn violent or destructive: throwing stones, "
      "burning tyres or buildings, vandalism, storming offices, fighting police.", (
        "Protesters threw stones at police and set fire to tyres and cars.",
        "Angry demonstrators stormed and torched the town hall.",
        "Rioters looted shops and clashed with security forces during the protest.",
        "Youths burn police station after protest over killing",
    )),
    T(RIOTS, "Mob violence", "A crowd attacks people or their property outside any demonstration: lynching, vigilante "
      "killings, communal mob attacks.", (
        "A mob beat to death a man accused of stealing a motorbike.",
        "Villagers lynched two suspected witches and burned their homes.",
        "An angry crowd attacked the homes of a religious minority, injuring several residents.",
        "Mob kills alleged thief in market",
        "Men armed with clubs went through the neighbourhood beating migrants and chasing them from their homes.",
    )),
    T(STRATEGIC, "Agreement", "Parties agree to something: a ceasefire, peace deal, truce, prisoner or hostage "
      "exchange, or a local pact.", (
        "The government and the rebels signed a ceasefire agreement in the capital.",
        "Both sides swapped 50 prisoners in a deal brokered by mediators.",
        "Community elders agreed a truce between the two clans.",
        "Warring parties reach peace deal after months of talks",
        "The two sides agreed to stop firing and reopen the border crossing to traders.",
        "Commanders on both sides agreed to exchange the bodies of fighters killed in the fighting.",
        "Under a settlement brokered by mediators, the fighters agreed to hand over their heavy weapons.",
    )),
    T(STRATEGIC, "Arrests", "Police, soldiers or other authorities arrest or detain people and acknowledge holding "
      "them.", (
        "Police arrested twelve suspected members of the armed group in a raid.",
        "Authorities detained an opposition leader at his home, the interior ministry confirmed.",
        "Soldiers arrested three men suspected of supplying weapons to militants.",
        "Journalist taken into custody over critical posts, police say",
    )),
    T(STRATEGIC, "Change to group/activity", "An armed or political group changes: new leader, merger, split, "
      "disbanding, recruitment, troop deployment or relocation, a unilateral suspension of operations, a curfew.", (
        "The rebel movement named a new commander after its leader's death.",
        "Two armed factions announced they had merged into a single coalition.",
        "The government deployed additional troops to the northern province.",
        "Authorities imposed a night-time curfew on the city.",
        "The group announced a unilateral halt to its offensive operations for the holidays.",
        "The insurgents have begun forcing young men in the villages they control to join their ranks.",
        "The armed movement said its leadership council had elected a new chief.",
        "The armed group appointed a former deputy as its new leader after the death of its founder.",
        "Hundreds of fighters pledged allegiance to the rival faction, the movement's spokesman said.",
        "The ministry sent reinforcements and armoured vehicles to the restive region.",
        "Militia announces it will disband and hand its members over to the army",
        "The rebels said they would suspend all attacks for two weeks to allow vaccinations.",
        "Authorities banned movement between 8 pm and 6 am in three districts after the unrest.",
        "The insurgent movement moved hundreds of its fighters from the mountains to the coastal province.",
    )),
    T(STRATEGIC, "Disrupted weapons use", "A weapon is stopped before it causes harm: a bomb defused, explosives or a "
      "weapons cache seized, a missile or drone intercepted, a would-be bomber stopped.", (
        "Soldiers defused a roadside bomb planted near the bridge.",
        "Air defences intercepted two drones over the capital.",
        "Police found a cache of rifles and explosives hidden in a farmhouse.",
        "Bomb disposal experts safely detonated a device found near the school.",
        "Security guards stopped a man wearing an explosive belt before he could reach the crowd.",
        "Air defences shot down several drones overnight, causing no damage.",
        "Soldiers found a hidden stockpile of rifles and ammunition in an abandoned house.",
    )),
    T(STRATEGIC, "Headquarters or base established", "An armed actor sets up a new base, camp, outpost, checkpoint or "
      "headquarters.", (
        "The militia established a new base on the outskirts of the town.",
        "Troops set up a military outpost on the hill overlooking the valley.",
        "Insurgents opened a headquarters in the captured school building.",
        "Army builds forward operating base near border",
        "Gunmen established a camp on the hillside and began checking vehicles on the highway.",
    )),
    T(STRATEGIC, "Looting/property destruction", "An armed actor loots, burns or destroys property without attacking "
      "people: homes, shops, schools, vehicles, masts, shrines.", (
        "Militants burned down a school and several houses in the deserted village.",
        "Armed men looted shops and made off with cattle.",
        "Fighters destroyed a telecommunications mast overnight.",
        "Soldiers ransacked a health centre and stole medicine.",
        "Gunmen set several buses alight and left them across the road, no one was hurt.",
        "Troops burned down rows of houses in the hamlet after its people had left.",
        "Fighters set fire to homes and granaries in the village after its residents fled.",
        "Gunmen ransacked a health clinic and carried off its medicines.",
        "Assailants torched a telecom tower and three trucks on the main road.",
        "Soldiers demolished dozens of homes in the border hamlet.",
    )),
    T(STRATEGIC, "Non-violent transfer of territory", "Control of a place changes hands without fighting: a handover, "
      "a negotiated withdrawal, or forces entering after the other side left.", (
        "The rebels withdrew from the town and government troops entered without resistance.",
        "Under the deal, the militia handed over control of the border crossing to the army.",
        "Troops pulled out of the base, leaving it to the allied forces.",
        "Fighters move into town abandoned by the army",
    )),
    T(STRATEGIC, "Other", "A significant conflict-related development that fits no other type: mass graves found, "
      "prison breaks, accidental depot explosions, captives freed, military aircraft crashing, overflights.", (
        "A mass grave containing dozens of bodies was discovered near the former front line.",
        "Hundreds of inmates escaped after the prison walls were breached.",
        "An ammunition depot exploded accidentally, shaking the town.",
        "A military helicopter crashed during a training flight, killing the crew.",
        "Hostages held by the group for months were released.",
        "Fighter jets flew low over the capital, breaking the sound barrier and rattling windows.",
        "Investigators started digging up remains from a burial pit near the old front line.",
        "A coast guard ship sprayed a fishing boat with water cannon near the disputed shoal.",
        "Forensic teams exhumed the remains of people buried in a pit behind the old police station.",
        "A weapons store at the barracks caught fire and exploded, shaking nearby homes; the army blamed an accident.",
        "Two hostages managed to escape from their captors and reached a police post.",
        "Dozens of prisoners broke out of the jail during the night after overpowering the guards.",
        "A military transport plane crashed on landing, killing its crew.",
    )),
    T("Displacement", "Displacement", "People flee their homes, are evacuated or cross a border because of conflict.", (
        "Thousands of families fled the fighting and sought shelter in nearby towns.",
        "More than 20,000 people crossed into the neighbouring country to escape the violence.",
        "Residents were evacuated from the frontline villages as shelling intensified.",
        "Violence displaces 5,000 in the north, UN says",
        "Hundreds of people crossed the border to escape fighting between armed groups.",
        "Families reached a camp for the displaced after walking for days from their villages.",
    )),
    T("Aid", "Aid", "Humanitarian aid is delivered: food, water, medicine, convoys, airdrops or supplies reach people.",
      (
        "A convoy of trucks carrying food and medicine reached the besieged town.",
        "Aircraft dropped food parcels and water to people stranded on the mountain.",
        "Aid agencies distributed tents and blankets to displaced families.",
        "First relief shipment arrives in the port",
    )),
)

# Sentences with conflict words that report no event (analysis, threats, sport, business,
# anniversaries, denials, aggregate statistics, policy); they pull sentences away from the types.
NONE_EXAMPLES: tuple[str, ...] = (
    "Analysts warn that the insurgency could spread to neighbouring provinces next year.",
    "The striker attacked the goal relentlessly but the match ended goalless.",
    "Shares fell sharply as investors clashed over the merger.",
    "The rebel leader threatened to launch new attacks if talks fail.",
    "The army denied reports that its troops had shelled the village.",
    "Residents marked the tenth anniversary of the massacre with a memorial service.",
    "More than 3,000 people have been killed in the conflict since it began, according to a monitoring group.",
    "The court ruled that the detention law was unconstitutional.",
    "Experts say the government's counter-insurgency strategy is failing.",
    "Twenty years after the bombing, survivors gathered to remember those who died.",
    "Officials said the loud noise was a gas cylinder exploding in a kitchen, not an attack.",
    "Parliament passed a bill on Tuesday to compensate the families of people killed in the war.",
    "Our government must stop treating every critic as an enemy, writes a guest columnist.",
    "Kidnappings have doubled this year compared with last year, a report found.",
    "The minister said the country would strengthen its air defences.",
    "The cabinet approved a plan to expand the army's budget over the next five years.",
    "Lawmakers voted to extend the state of emergency, though no new operations were announced.",
    "Donor countries pledged more money for reconstruction at a conference in the capital.",
    "The government is weighing whether to open talks with the armed groups, officials said.",
    "The coach said his team would attack from the first whistle in Saturday's final.",
    "A report by a rights group accuses both sides of abuses over the past decade.",
    "The two rival telecom firms are locked in a bitter price battle ahead of the holidays.",
    "Militants could strike again during the elections, the security chief cautioned.",
    "Veterans laid wreaths at the memorial on the day the city fell decades ago.",
    "Fewer people were killed in political violence last month than in the same month a year earlier.",
    "Why the ceasefire keeps collapsing: five things to know about the conflict",
    "The defence minister visited troops at the front and praised their courage.",
)
NONE_TYPE = "None"

# The event type of each sub-type, and sub-types grouped by the rule that decides between them.
EVENT_TYPE_OF = {t.subtype: t.type for t in TYPES}
