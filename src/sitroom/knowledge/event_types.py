"""Every ACLED sub-event type (plus the humanitarian Displacement and Aid), defined once.

The definitions paraphrase ACLED's public codebook in sitroom's own words. The example
reports are invented for this module (no text of any evaluation set is used): the event
typer embeds definitions and examples and compares a sentence against them, so they are
written to vary wording, actor and style (wire, headline, coder note, local paper).
`NONE` holds sentences that use conflict words but report no event.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.knowledge.sides import CIVILIAN_NOUNS

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

# Words that define a sub-type by its instrument or act (ACLED types explosions by weapon):
# a sentence using them gets the settings' cue bonus for that sub-type. Regexes, lower case.
# A protest told without the word: people gathering, taking to the streets or stopping work for a cause
# ("gathered outside the ministry to demand …", "shut their shops to denounce …"), or a vigil, boycott, strike.
PROTEST_PURPOSE = r"(to (demand|protest|call for|denounce|condemn|press|oppose|reject|express|show)|calling for|" \
                  r"demanding|chanting|holding (placards|banners|signs)|peacefully|in protest)"
PROTEST_ACTS = r"vigils?|boycott\w*|walk-?outs?|(went|go|gone|going) on strike|(general|hunger) strikes?|" \
               r"strike action|took to the streets|(gathered|assembled|converged|stopped work|downed tools|" \
               r"(shut|closed) (down )?(their|all) \w+)\b[^.;]{0,60}\b" + PROTEST_PURPOSE

CUES: dict[str, str] = {
    "Chemical weapon": r"\b(chlorine|sarin|chloropicrin|irritant (gas|agents?)|cs gas|choking agents?|mustard (gas|agent)|nerve agents?|toxic (gas|agents?|chemicals?)|"
                       r"chemical (weapons?|attack|agents?|munitions?)|poison gas)\b",
    "Air/drone strike": r"\b(air ?strikes?|air ?raids?|drone strikes?|warplanes?|war ?planes?|fighter jets?|jets|"
                        r"helicopter gunships?|gunships?|helicopters?|aircraft|"
                        r"bombers?|drones?|barrel bombs?|airstrikes?)\b",
    "Suicide bomb": r"\b(suicide(?! drones?)|explosive (vest|belt)s?|blew (himself|herself|themselves) up|svbied?|"
                    r"(set off|detonated|triggered|exploded) (his|her|their) (own )?(explosives?|vests?|belts?|"
                    r"charges?|devices?|bombs?)|detonated (himself|herself|themselves)|self-detonat\w*|(a|the) (lone |young |teenage |female |male )?"
                    r"bomber\b(?! (jets?|aircraft|planes?))|(drove|driven|rammed|driving)[^.;]{0,50}(laden|packed|"
                    r"filled|loaded|rigged) with explosives|explosives?-(laden|packed|filled|rigged) (car|truck|vehicle|"
                    r"van|motorcycle)s? (driven|rammed))\b",
    "Shelling/artillery/missile attack": r"\b(shell(s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|projectiles?|"
                                         r"grad|katyusha)\b",
    "Remote explosive/landmine/IED": r"\b(roadside bombs?|landmines?|land mines?|(?<!gold )(?<!coal )(?<!tin )"
                                     r"(?<!diamond )(?<!artisanal )mines?\b(?! (sites?|workers|pits?|shafts?))|ieds?|improvised explosive|"
                                     r"car bombs?|sticky bombs?|magnetic bombs?|explosive devices?|(bombs?|devices?|ordnance)\b[^.;]{0,40}\b(went off|"
                                     r"exploded|detonated)|unexploded (ordnance|devices?|bombs?|munitions?)|bomb blasts?|(explosions?|blasts?) (hit|rocked|ripped|tore|struck)|planted (a )?"
                                     r"(bombs?|explosives?|devices?)|(bombs?|explosives?|devices?) (planted|hidden|"
                                     r"placed|attached|buried)|(bombs?|explosions?|blasts?)\b[^.;]{0,30}\b(killed|"
                                     r"wounded|injured|ripped|tore))\b",
    "Grenade": r"\b(?<!propelled )grenades?\b(?! launchers?)",
    "Sexual violence": r"\b(rap(e|ed|es|ing)|gang-?rap\w*|sexual(ly)? (violence|assault\w*|abuse\w*|slavery))\b",
    # the acts, not the agent nouns ("suspected kidnappers" names people, it tells no kidnapping)
    "Abduction/forced disappearance": r"\b(kidnap(s|ped|ping|pings)?|abduct(s|ed|ing|ion|ions)?|hostages?|whereabouts|"
                                      r"disappear\w*|ransom)\b",
    "Arrests": r"\b(arrest\w*|detain\w*|custody|apprehend\w*|rounded up)\b",
    "Agreement": r"\b(agree[ds]?|ceasefire|cease-fire|truce|peace (deal|agreement|accord)|signed|agreement|prisoner "
                 r"(swap|exchange)|swapped|exchanged .{0,30}prisoners|accord)\b",
    "Disrupted weapons use": r"\b(defus\w*|downed|safely detonated|discovered|made safe|intercept\w*|shot down|dismantl\w*|cache|seized .{0,40}(weapons|"
                             r"explosives|ammunition|arms)|foiled|thwarted|bomb disposal|controlled (explosion|"
                             r"detonation))\b",
    "Headquarters or base established": r"\b((set|sets|setting) up|established?|establish(ed|es|ing)|buil[dt]s?|"
                                        r"opened(?! fire)|erected) .{0,40}\b(bases?|camps?|outposts?|post|headquarters|"
                                        r"checkpoints?|position|enclaves?|hideouts?)\b",
    "Looting/property destruction": r"\b(loot\w*|ransack\w*|torch\w*|(set fire to|set alight|set ablaze|burn\w*)"
                                    r" [^.;]{0,30}\b(houses|homes|huts|schools?|shops|vehicles|cars|buses|trucks|"
                                    r"lorries|buildings?|markets?|churche?s?|mosques?|offices?)|burn(ed|t) (down )?\w*\s?(houses|homes|"
                                    r"schools?|shops|vehicles|villages?|crops|granar\w+)|destroy\w*|demolish\w*|"
                                    r"plunder\w*|pillag\w*|vandal\w*)\b",
    "Displacement": r"\b(fled|flee\w*|displac\w*(?! (sites?|camps?|centres?|centers?|settlements?|people|persons|families|civilians))|evacuat\w*|refugees?|uprooted|exodus|sought refuge|"
                    r"to escape|leaving en masse|resettlement)\b",
    "Aid": r"\b(aid|relief|food|wheat|flour|medicines?|medical supplies|tents|blankets|water points|humanitarian (convoy|supplies|assistance)|food (parcels|rations|aid)|airdrop\w*|"
           r"distribut\w*|deliver\w*)\b",
    "Mob violence": r"\b(mob|lynch\w*|vigilante\w*|angry crowd|crowd .{0,20}(beat|killed|attacked))\b",
    "Peaceful protest": r"\b(protest\w*|demonstrat\w*|march(ed|es)?|rall(y|ied|ies)|sit-in|strike|picket\w*|"
                        + PROTEST_ACTS + r")\b",
    "Change to group/activity": r"\b(curfew|new (leader|commander|chief)|merg\w*|split|disband\w*|dissolv\w*|"
                                r"recruit\w*|deploy\w*|redeploy\w*|suspend\w*|unilateral\w*|appointed|took over as|"
                                r"(named|elected|chose|installed) [^.;]{0,40}(leader|commander|chief|head|emir)|"
                                r"reinforcements|mobili[sz]\w*|conscript\w*|pledg\w* allegiance|defect\w*|relocat\w* [^.;]{0,30}(fighters|troops|bases?|headquarters|forces|units|camps?)|"
                                r"(moved|sent|transferred) [^.;]{0,30}(fighters|troops|soldiers|units))\b",
    "Armed clash": r"\b(clash(ed|es|ing)|exchang\w* (of )?(gun)?fire|traded (gun)?fire|gun ?battles?|gunfights?|"
                   r"firefights?|shoot-?outs?|returned fire|fought|battl(ed|ing)|fighting between)\b",
    "Government regains territory": r"\b(recaptur\w*|retook|retak\w*|regain\w*|liberat\w*|back under)\b",
    "Non-state actor overtakes territory": r"\b(overr[au]n\w*|seiz\w*|captur\w*|(take|takes|took|taken|taking) (full )?"
                                           r"(control|over)|"
                                           r"raised (its|their) \w+ flag|fell to)\b",
    "None": r"\b(anniversary|years after|years ago|commemorat\w*|analysts?|columnist|opinion|forecast\w*|"
            r"threaten\w*|warn\w*|denied|rumou?rs?|not a bomb|law|court|ruled|statistics|so far this year|"
            r"since (the )?(war|conflict) began|strategy)\b",
    "Non-violent transfer of territory": r"\b(withdr[ae]w\w*|pull(ed)? out|vacat\w*|evacuated (its|their) "
                                         r"(\w+ )?(troops|detachment|garrison|base|positions?|forces|soldiers)|hand(ed|s|ing)? (it |them )?over(?! (a |an |the |their |his |her )?(petition|letter|memorandum|"
                                         r"list|demands|report|documents?|suspects?|bod(y|ies)))|handover|"
                                         r"without (a )?(fight|resistance)|unopposed|abandoned)\b",
}

# What the model is not shown: a sentence's date, attribution, parentheses and coder toll say nothing
# about what kind of event it tells, and dilute the similarity to the types. (regex, replacement)
GIST_NOISE: tuple[tuple[str, str], ...] = (
    (r"\s*\([^)]*\)", ""),  # "(South Gondar, Amhara)"
    (r"\bfatalities:\s*\d+\.?", ""),  # an ACLED-style coder note's toll
    (r"^\s*(late |early )?(on|in|by|during) [^,]{3,40}?\d{4},\s*", ""),  # "On 9 October 2023, "
    (r",\s+(according to\b|[^,;]{0,60}?\b(said|says|reported|reports|told|added|claimed|confirmed)\b)[^;]*$",
     "."),  # ", a Taliban spokesman said." / ", according to local officials."
)

# A sentence that looks back on an old event, or says the event did not happen, reports none of its own.
RETROSPECTIVE = r"^\W*(\w+ )?(years|months|decades?) (after|since|on from)\b|\b(anniversary of|marked (the )?\w+ " \
                r"years since)\b"
# an opinion or analysis piece argues about events rather than reporting one
OPINION = r"\b(opinion (piece|column|article)|op-ed|editorial|columnist|argued (in|that)|(analysts|experts|" \
          r"observers|commentators) (say|said|believe|warn|argue|note))\b"
DENIAL = r"\b(no (such )?incident (had |has )?(taken|took) place|(did|had|has) not (take|taken) place|never happened|" \
         r"(false|fake|unfounded) (reports?|claims?|rumou?rs?)|^[^,;]{0,40}\b(denied|denies|dismissed) (that|reports?|" \
         r"claims?|allegations?|accusations?)\b)\b"  # a sentence that opens by denying; not "denied responsibility"

# Rules that decide between sub-types by who acted and how. Lower-case words and regexes.
# who acted (state or non-state) is read with the actor lexicon of `sitroom.knowledge.sides`
# fighting told in the sentence (a capture with fighting is not a non-violent transfer)
HIDDEN_WHEREABOUTS = r"\b(whereabouts|unknown location|disappear\w*|incommunicado)\b"  # held where no one knows
NO_FIGHTING = r"\b(without (a |any )?(fight\w*|resistance|clash\w*|a shot)|without firing (a|a single) shot|no (clashes|fighting|resistance)|" \
              r"unopposed|quietly|peacefully|negotiated|under (a|the) deal|handed (it )?over(?! (a |their )?(petition|letter|memorandum|list|demands))|handover)\b"
# an attempt to take a place that failed is a clash, not a change of control
FAILED_TAKE = r"\b((unable|failed|tried|attempt\w*) to (take|capture|seize|overrun|storm)|repelled|repulsed|" \
              r"beat back|fought off|pushed back)\b"
# the verb of a change of control: the actor named before it is the one who took the place
TAKE_VERBS = r"\b(recaptur\w*|retook|retak\w*|regain\w*|captur\w*|seiz\w*|took|take[sn]?|overr[au]n\w*|" \
             r"entered|enter|moved into|rode into|drove|driv\w+|occup\w*|liberat\w*|push\w*|expell\w*)\b"
DETAIN_VERBS = r"\b(arrest\w*|detain\w*|kidnap\w*|abduct\w*|seiz\w*|took|taken|custody|picked up|held)\b"
FIGHTING = r"\b(fight\w*|battl\w*|clash\w*|offensive|assault\w*|storm\w*|overr[au]n\w*|recaptur\w*|" \
           r"overwhelm\w*|routed|routing|killed|heavy|firefight|gunbattle|attack\w*|drove|driv\w+ out|expell\w*|" \
           r"push\w* out)\b"
# what happened to protesters: lethal force, non-lethal intervention, protesters' own violence
PROTEST_WORDS = r"\b(protest\w*|demonstrat\w*|march\w*|rall(y|ies|ied|ying)|sit-in|strikers|striking \w+ers|" \
                r"picket\w*|blockade|" \
                + PROTEST_ACTS + r")\b"
LETHAL_FORCE = r"\b(kill\w*|live (ammunition|fire|rounds|bullets)|shot dead|killed|killing|opened fire|fired on|" \
               r"gunshot|shot and|died|dead|deaths?|critically|seriously (injured|wounded)|hospitali[sz]ed)\b"
INTERVENTION = r"\b(tear ?gas|water cannons?|batons?|rubber bullets|dispers\w*|broke up|break up|beat(en)?|" \
               r"arrest\w*|detain\w*|charged|baton-charged|stun grenades?|pepper spray|forcibly)\b"
PROTESTER_VIOLENCE = r"\b(threw|throwing|hurl\w*|stones?|rocks|molotov|petrol bombs?|burn\w*|torch\w*|set fire|" \
                     r"set ablaze|vandali[sz]\w*|smash\w*|storm\w*|loot\w*|rampag\w*|rioters?|rioted|rioting)\b"
# an armed target makes an attack a clash; unarmed people make it violence against civilians
ARMED_TARGETS = r"\b(soldiers?|troops|army|military|police(men)?|officers|base|barracks|checkpoint|outpost|" \
                r"post|garrison|convoy|patrol|positions?|militants|fighters|rebels|insurgents|militia\w*)\b"
# unarmed targets: the civilian nouns `sides` reads victims by, and people named by trade or office
_UNARMED = CIVILIAN_NOUNS | {
    "journalists", "traders", "herders", "teachers", "family", "man", "woman", "boy", "girl", "miners",
    "fishermen", "mourners", "guests", "doctors", "nurses", "displaced", "chief", "elders", "councillor",
    "priest", "imam", "pastor", "activists", "lawyers", "politicians", "candidates", "travellers", "presenter",
    "reporter", "mayor", "official", "officials", "herdsmen", "vendors", "drivers", "preacher", "sons", "daughters",
    "relatives", "mourner", "voters", "youths"}
# each noun also in the singular ("a herder", "one passenger")
CIVILIAN_TARGETS = r"\b(" + "|".join(sorted(_UNARMED | {w[:-1] for w in _UNARMED if w.endswith("s")},
                                              key=lambda w: (-len(w), w))) + r")\b"

# a fight after which the place is held by the side that attacked: a change of territory, not a clash
CONTROL_TAKEN = r"\b(tak(e|es|en|ing) (full )?control|took (full )?control|wrest\w* control|(re-?established|restored|regained) (state |full )?" \
                r"control|(chas|driv|drov|push|forc)\w* [\w\s-]{0,40}? out of|drove out|cleared [\w\s'-]{0,30}" \
                r"(enclave|stronghold|town|village|area)|(hoist\w*|rais\w*) [\w\s]{0,20}flag|overr[au]n\w*|" \
                r"dislodg\w*|recaptur\w*|retook|retak\w*)\b"
# people (not a place) taken: a kidnapping or an arrest, whatever the verb of taking
PEOPLE_TAKEN = r"\b(pupils|students|schoolchildren|children|girls|boys|women|men|fishermen|farmers|villagers|" \
               r"passengers|travellers|workers|staff|teachers|priests?|journalists?|people|civilians|hostages|" \
               r"residents|worshippers|commando|officials?|businessm[ae]n|traders|suspects|members|activists?|" \
               r"protesters|demonstrators|leaders?|dozens|him|her|them)\b"
PLACE_TAKEN = r"\b(and|control|town|village|city|base|district|area|post|camp|territory|region|province|hill)\b"
# "… by two men who fled", "… by the police": the doers of a passive act, not its target
AGENT_PHRASE = r"\bby( [\w-]+){1,3}"
# the verb of violence told in the passive ("a herder was beaten and shot"): its subject is the target
PASSIVE_BEFORE = r"\b(was|were|been|being|is|are)( \w+ and)?( \w+ly)? $"
# what someone is accused of is not an act the sentence tells ("a man accused of kidnapping a child")
ALLEGATION = r"\b(accused|suspected|convicted|charged|blamed|on suspicion) (of|for|with) [\w\s-]{0,30}"
# an earlier event told as the time of this one ("…, hours after a gunfight nearby"): a backdrop, not the act
BACKDROP = r",? \b(hours|days|weeks|minutes|a day|a week|shortly|soon|moments|a day) (after|before)\b[^;]*$"
# where an act happened ("at a checkpoint", "near the base"): a place, not the target
LOCATION_PHRASE = r"\b(at|near|outside|inside|beside|close to|in front of) (a|an|the|its|their)( [\w-]+){1,2}"
# people seized whose bodies were found later: they were killed, an attack
FOUND_DEAD = r"\b((body|bodies|corpses?|remains)\b[^.;]{0,60}\b(found|discovered|recovered|dumped)|(found|discovered) " \
             r"(dead|murdered|killed|with gunshot))"
# a participle that describes people ("parents of kidnapped pupils", "the detained activists"): who they are, not
# an act the sentence tells
ATTRIBUTIVE = r"\b(of|for|the|their|his|her|whose) (kidnapped|abducted|detained|arrested|jailed|missing|killed|slain)\b"
# a story of an armed group's advance (events.py: a place told as now held by the group fell to it) ...
ADVANCE = r"\b(took over|taken over|seiz\w*|captur\w*|overr[au]n\w*|fell to|fallen to|(tighten\w*|extend\w*) (their |its )?" \
          r"(grip|hold|control)|advanc\w*|swept|sweeping)\b"
# ... unless the holding is told as lasting
CONTINUITY = r"\b(still|remain\w*|continu\w*|since|for (years|months|weeks|decades)|long|already|(has|have|had) been)\b"
# the month of March in a date (case-sensitive): not a protest march
MONTH_MARCH = r"\b(?P<before>(\d{1,2}(st|nd|rd|th)?|in|on|by|to|of|mid|since|early|until|from|last|next|this|late)[ -])?" \
              r"March\b(?(before)|(?= \d))"
# acts on property, read with harm to people to find who did the first act
PROPERTY_ACTS = r"\b(loot\w*|ransack\w*|torch\w*|burn\w*|set fire|destroy\w*|vandal\w*|smash\w*)\b"
# a killing done (not "suspected of killing"): the act that outranks a detention told after it
KILLING = r"\b(?<!of )(killed|executed|shot dead|beheaded|(beat|beaten|hacked|stabbed|stoned|tortured|burned|burnt) " \
          r"([\w-]+ ){0,3}to death|gunned down|murdered)\b"
# harm to people: an act of looting or burning that also hurts people is no longer only property
HARM_TO_PEOPLE = r"\b(beat\w*|lynch\w*|hack\w*|stabb\w*|shoot\w*|shot|kill\w*|injur\w*|wound\w*|" \
                 r"hospitali[sz]ed|set (him|her|them) ablaze|setting (him|her|them) ablaze|chas\w* them)\b"
# who a crowd is: people not organised as an armed group
CROWD_WORDS = r"\b(mobs?|crowds?|villagers|residents|traders|vigilantes?|youths|locals|(groups|gangs|bands) of (men|youths)|" \
              r"worshippers|neighbours|onlookers)\b"
# captives let go: "Other" in ACLED (or an agreement, when a deal or swap is told)
RELEASED = r"\b(released|freed|set free|escaped|broke free|exchanged|swapped|regain\w* (their |his |her )?freedom|let go)\b"
DEAL_WORDS = r"\b(in return for|swap\w*|exchang\w*|truce|ceasefire|cease-fire|deal|agreement|accord|under the terms)\b"
# an explosion that went off (not a weapon stopped), unless told as made safe or intercepted
WENT_OFF = r"\b(blasts?|explosions?|exploded|detonated|went off|set off|blew up|(bombs?|shells?|rockets?|" \
           r"missiles?|projectiles?) (fell|landed|struck|hit|slammed))\b"
MADE_SAFE = r"\b(safely|controlled (explosion|detonation)|defus\w*|disposal|made safe|intercept\w*|shot down|downed|" \
            r"before (it|they|he|she) (could|went|exploded)|dismantl\w*)\b"
# military aircraft that flew over without striking: "Other" in ACLED, not an air strike
OVERFLIGHT = r"\b(sound barrier|sonic booms?|overfl(ew|ight|ights|y|ying)|flew (low )?over|low-altitude flights?)\b"
STRIKE_WORDS = r"\b(bomb\w*|strikes?|struck|hit|fired|missiles?|rockets?|killed|wounded|dropp\w*|raids?)\b"
# a crowd's grievance ("marched against the killings"): not what was done to the crowd
GRIEVANCE = r"\b(against|over (the|his|her|their)|denounc\w*|condemn\w*|demand\w*|call(ed|ing)? for|justice for|in memory of|" \
            r"protesting|(after|following) (the|his|her|their|a) (arrest|detention|killing|death|murder|abduction|" \
            r"kidnapping|jailing|shooting)|(coffins?|funerals?|bod(y|ies)) of|" \
            r"mourn\w*|to protest)\b[^,;.]{0,40}"
# property damaged and no one hurt
NO_HARM = r"\b(no (one|injuries|casualties|deaths)|nobody was|no-one was|without (injur|casualt)\w*)\b"
# people taken, told in the passive ("six women were taken away by armed men")
PEOPLE_TAKEN_PASSIVE = r"\b(were|was|been|being) (taken|seized|carried|captured|snatched|led) (away |off )?by\b"
# hand weapons: a killing told with them is not an explosion, whatever else the sentence names
HAND_WEAPONS = r"\b(shot|shoot\w*|gun\w*|opened fire|firearms?|rifles?|machetes?|knives|knife|stabb\w*|hack\w*|" \
               r"beat\w*|clubs?|execut\w*|behead\w*|slit)\b"
# a weapon stopped before it went off, even when the would-be attacker was killed
PREVENTED = r"\b(before (he|she|they|it) (could|was able|managed)|would-be (suicide )?bombers?|" \
            r"(failed|did not|didn't) (to )?(explode|detonate|go off))\b"
# weapons destroyed or seized: disrupted weapons use, not property destruction
WEAPONS_DESTROYED = r"\b(destroy\w*|burn\w*|dismantl\w*|seiz\w*|blew up)\b[^.;]{0,40}\b(weapons|explosives|" \
                    r"ammunition|ieds?|bombs?|arms|cache|stockpiles?|bomb-making|munitions)\b"
# people fleeing as the result of the act told first ("…, forcing hundreds to flee"): the act is the event
CONSEQUENCE = r"\b(forcing|prompting|causing|sending|leading|driving)\b[^.;]{0,40}$"
RIOT_AGENTS = r"\b(tear ?gas|pepper spray)\b"  # a chemical weapon when used on armed forces, not protesters

# A sentence is a candidate for the (costlier) model when it uses one of these words or a cue.
CANDIDATE_WORDS = r"\b(kill\w*|dead|death\w*|died|attack\w*|fight\w*|fought|clash\w*|battl\w*|bomb\w*|explo\w*|" \
                  r"blast\w*|shot|shoot\w*|gun\w*|fire[ds]?|firing|troops|soldiers|police|militants?|rebels?|" \
                  r"insurgents?|fighters|militia\w*|forces|army|wound\w*|injur\w*|captur\w*|seiz\w*|retook|" \
                  r"retak\w*|took control|control|overr[au]n|storm\w*|raid\w*|ambush\w*|massacr\w*|execut\w*|" \
                  r"assassinat\w*|stab\w*|beat\w*|burn\w*|riot\w*|violen\w*|crowd|prison\w*|inmates|grave|" \
                  r"crash\w*|releas\w*|freed|escap\w*|convoy|camp|base|deal|talks|hostilit\w*|strike\w*|" \
                  r"struck|hit|tear ?gas|dispers\w*|seized|weapons?|arms|explosives|ammunition)\b"
