"""The words and patterns that cue each event sub-type and decide between sub-types.

Split from `sitroom.knowledge.event_types` (which defines the types and their prototype
reports): these are the regexes the event typer (extract/event_typing.py) and the event
extractor (extract/events.py) read. Lower-case regexes unless said otherwise.
"""

from __future__ import annotations

from sitroom.knowledge.sides import CIVILIAN_NOUNS

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
# people taken by state agents that the text calls a kidnapping, and no arrest: a forced disappearance
TOLD_AS_KIDNAPPING = r"\b(kidnap(s|ped|ping)?|abduct(s|ed|ing|ion)?|snatch(ed|es)?)\b"
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
