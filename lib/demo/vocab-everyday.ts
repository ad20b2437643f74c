// Everyday DM exchanges by topic: what most of the 30,000 demo messages are. Each exchange is a
// few lines between two people; lines alternate speaker unless they start with "+" (the same
// person sends another message). A leading "~" marks a message sent with a photo. "{a}" is the
// first speaker's first name, "{b}" the other's; the other slots are in vocab-slots.ts.
// Nearly every line carries two or more slots (a name, a time, a place...): that keeps the 30,000
// texts distinct without artificial suffixes, which the database-bytes test relies on.

export type Topic = "plans" | "jokes" | "school" | "work" | "games" | "shopping" | "pets";

export const ADULT_TOPICS: readonly (readonly [Topic, number])[] = [
  ["plans", 5], ["jokes", 3], ["work", 4], ["games", 2], ["shopping", 2], ["pets", 2],
];
export const MINOR_TOPICS: readonly (readonly [Topic, number])[] = [
  ["plans", 3], ["jokes", 3], ["school", 5], ["games", 4], ["shopping", 1], ["pets", 2],
];
/** An adult and a minor (a parent, a coach, a gaming acquaintance): no school gossip, no work. */
export const MIXED_TOPICS: readonly (readonly [Topic, number])[] = [
  ["games", 4], ["jokes", 2], ["pets", 2], ["plans", 1],
];

export const EXCHANGES: Record<Topic, readonly (readonly string[])[]> = {
  plans: [
    ["are you free {day}? thinking {place} around {time}", "{day} works! {time} is a bit early tho, {time2}?", "{yes}, see you at {place} at {time2}"],
    ["{b} we still on for {food} {day}?", "{yes} I'm starving already {a}", "+should I ask {friend} too? {friend2} is free {day2}"],
    ["running {n} min late, sorry {b}", "no stress {a}, I'll grab a table at {place} {emoji}"],
    ["want to catch a movie {day}? the {time} showing", "which one {a}, {show}?", "+{friend} said {show2} is good too", "ok I'm in for {show2} {b}, I'll bring {snack}"],
    ["{friend} is having people over {day}, you coming?", "maybe {a}, what time? I have {sport} till {time2}", "from {time}, bring {snack} if you can"],
    ["ok so {place} or {place2} for {friend}'s birthday?", "{place2}, {place} was packed last time {a}", "+and {place2} is cheaper, {price} for all {n} of us"],
    ["did you get home ok {b}? {friend} said the {time} bus never came", "yep! thanks {a}, {past} was so fun {emoji}", "+we need to do {food} again soon, maybe with {friend}"],
    ["I booked {place} for {n} people {day} at {time}", "you're a hero {a} {emoji}"],
    ["trip to {city} in {n} weeks?? I found tickets for {price}", "omg {yes} send me the dates {a}", "+I'll ask {friend} if we can stay at hers, {n} nights?"],
    ["meet at {place} instead? it's closer for {friend}", "sure {a}, {time}?", "{yes}, {time} at {place}"],
    ["~this is the view from {place} right now {b} {emoji}", "jealous {a}. save me a seat, there by {time}"],
    ["{b} can you pick me up {day}? my bike has a flat again", "yeah {a}, {time} outside yours", "+I'll honk twice {laugh} {friend} is coming too"],
    ["what are you doing {day} {b}", "nothing much, maybe {sport} with {friend}", "+come if you want, we start at {time} at {place}"],
    ["{b} is the {time} train still running {day}? {friend} thinks it's cancelled", "it's running {a}, I checked at {time2}", "+platform {n} I think, {friend} is on it too"],
  ],
  jokes: [
    ["{b} I just walked into a glass door at {place} in front of everyone", "NO {laugh} at {place}?? {a} noooo", "+are you ok {a}?? {friend} told me {laugh}", "my pride isn't {b}, {friend} saw the whole thing {laugh}"],
    ["~{friend} fell asleep during {show} again", "{n} episodes in a row now {a}, it's a talent {laugh}"],
    ["joke #{num} for you {b}: why did the scarecrow win an award? because he was outstanding in his field", "{a} that was terrible {laugh}", "+ok it was a little funny, tell {friend} that one {day}"],
    ["{b} just saw a guy walking a cat on a leash at {place} {laugh}", "iconic {laugh} {a} was the cat into it", "+{friend} would do that with {pet} tbh"],
    ["my autocorrect changed {food} to 'feelings' so now I've told {friend} I want feelings {day}", "{laugh} honestly relatable {a}"],
    ["~look what {friend} drew on the whiteboard at {place}", "that's clearly {teacher} {laugh}", "+frame it {a} {laugh} and send it to {friend2}"],
    ["{b} I tried to make {food} and set off the smoke alarm {n} times", "{a} the chef 👨‍🍳 {laugh}", "+should I bring {food2} {day} instead {a}"],
    ["{b}, dad joke #{num}: I'm reading a book about anti-gravity, can't put it down", "blocking you {a} {laugh}", "+(not really, send #{num2} {laugh})"],
    ["{b} you left {item} at mine {laugh}", "oh no 😭 keep it safe until {day} {a}"],
    ["{b} the group chat is arguing about whether {food} counts as breakfast again, {friend} started it", "it does {a}. end of discussion {laugh}", "+tell {friend} I said so, {a}"],
    ["{friend} just tried to pay at {place} with a library card", "{laugh} stop, {a}, I can't breathe"],
    ["{b} I've been humming the {band} song for {n} hours straight", "{laugh} same since {past}, it's stuck in my head too"],
  ],
  school: [
    ["{b} did you finish {subject} for {teacher}?", "{laugh} no {a}, due {day} right?", "+I'm on question {num} and it's already {time2}", "send help {b}, I'm on {num2} {laugh}"],
    ["{teacher} said the {subject} test is open book!!", "wait really {a}?? best news since {past} {emoji}"],
    ["{b} can I copy your notes from {subject}, I was out {past}", "sure {a}, I'll send pics at {time}", "~+here's page {n} and {num}"],
    ["we have {sport} practice at {time} {day}", "ugh I forgot my {sport} kit, can you bring a spare {a}?"],
    ["who's in our group for {subject}, {b}?", "you, me, {friend} and {friend2}", "+meet in the library {day} at {time}?"],
    ["got {num}% on {subject} {emoji}", "{a} that's amazing!! {emoji} {teacher} must be so proud", "+I got {num2}, not bad for no revision {emoji}"],
    ["{teacher} is making us present {subject} {day} 😭", "I'll go first if you go second, {a} {laugh}", "{yes}, {friend} can go last"],
    ["is the bus still at {time}? {friend} said it changed", "yeah still {time}, I'll save you a seat {a}"],
    ["~look at this {subject} experiment {laugh}", "is it supposed to be that colour {a} {laugh}", "+no {laugh} {teacher} is going to be so mad"],
    ["{b} what did you get for question {n} in {subject}?", "{num}? not sure tbh {a} {laugh}", "+same, ask {friend} she's a genius at {subject}"],
    ["{b} the school trip to {city} form is due {day}", "did your parents sign it yet {a}? {friend}'s did {past}", "yeah, mine said yes finally, {price} though"],
    ["{b} can you explain {subject} to me before {day}? {teacher} lost me at page {num}", "{yes}, call at {time}?"],
  ],
  work: [
    ["{b} can you cover my shift {day}? I'll take your {time} on Monday", "yeah ok {a}, just this once {emoji}"],
    ["quick one {b}, is {work} still {day}?", "moved to {time} {a}, I'll send the invite", "+bring the numbers from {friend}, {num} rows should do"],
    ["~whiteboard from {work} {past} in case you missed it", "thanks {a}, lifesaver, {friend} wiped ours"],
    ["{b} boss wants {work} done by {day} 🙃", "of course he does {laugh} {work2} was late {past} too", "+I can help after {time}, {a}"],
    ["coffee before {work}? {place} at {time}", "{yes} {a}, I'll need it after {work2}"],
    ["did you see {friend}'s email about {work}?", "just now {a}. {friend2} is handling it right?", "+I hope so, I have {work2} {day} at {time}"],
    ["working from {place} {day} {b}, wifi is surprisingly good", "nice {a}, I'm stuck in the office till {time}"],
    ["{b} congrats on the promotion!! {emoji} {friend} just told me", "thanks {a}! drinks {day}?", "+{place}, {time}, my treat"],
    ["printer on floor {n} is broken again, {friend} is fighting it", "classic {laugh} use the one by the kitchen, {a}"],
    ["can you look over {work} before I send it? {num} slides", "sure {a}, send it over, I'll check by {time}"],
    ["{b} payday {day} 🙌 {food} to celebrate?", "{yes} {a}, {place} at {time}?"],
    ["{friend} is out sick so {work} moves to {day}", "ok {a}, I'll tell the others. {time} still?"],
  ],
  games: [
    ["you on {game} tonight? {time}?", "yeah after dinner {a}, {food} first {laugh}", "+bring {friend}, we need a {n}th"],
    ["I finally beat level {num} in {game}!!", "no way {a}, took me {n} days", "+the boss on level {num} is so unfair, {friend} rage quit"],
    ["gg {b}, that {game} match at {time} was wild", "that last round {laugh} {friend} carried us", "+rematch {day}, {time}?"],
    ["{b} {game} update drops {day}, new map and {n} new heroes", "finally {a}. I'm taking {day} off {laugh}", "+{friend} already pre-downloaded it, {num} GB"],
    ["~look at my {game} base {b}, day {num} of building", "{a} that's actually sick {emoji}", "+how long did that take {a}? {friend} would never", "like {num} hours don't judge {laugh}"],
    ["{b} what's your {game} username again? {friend} wants to add you", "same as here {a}, add me {emoji}", "+I'm on at {time} most days, {friend2} too"],
    ["chess {day} {b}? loser buys {food}", "you're on {a}, {place} at {time}"],
    ["do you have the code for the {game} event? {friend} said there's free skins", "only from the official {game} site {a}, don't click random links"],
    ["lagging so bad in {game} rn, {friend} too", "same, servers are down till {time} apparently {emoji}"],
    ["{game} tournament {day} at {place}, wanna enter as a team?", "{yes} I'll ask {friend}", "+entry is {price} each, {n} per team"],
    ["{b} I got the rare {game} skin on my {num}th try {emoji}", "{laugh} no way, I've done {num2} pulls and nothing"],
  ],
  shopping: [
    ["{b} {store} has {item} for {price}", "stop {a} I need that {laugh} is there a {price2} one", "+going {day}, coming {a}?"],
    ["~which one, left or right? {price} vs {price2}", "left. definitely left {a} {emoji}", "+right is cute too but {price2} is a lot"],
    ["{b} did you end up getting {item} from {store}?", "yeah from {store}, {price} on sale", "+so worth it, {friend} got one too {emoji}"],
    ["do you still want half of the {food} order? it's {price} each", "{yes}, sending now {a}"],
    ["returning {item} to {store} {day}, it's too small", "want to grab {food} after {a}?"],
    ["{store} closes at {time} today btw", "noooo ok going now {laugh} thanks {a}"],
    ["gift idea for {friend}? budget {price}", "{item}? or tickets to see {band} in {city}", "+{band} for sure, they're on {day} in {city}"],
    ["{b} I owe you {price} for the {band} tickets right?", "yep, whenever {a} {emoji}", "+no rush {a}, pay me {day} at {place}"],
    ["~found {item} at the thrift store for {smallprice}!!", "{a} the queen of bargains {emoji}"],
    ["is {item} at {store} worth {price}? {friend} says no", "{friend} is wrong {laugh} get it {a}"],
  ],
  pets: [
    ["~{pet} learned to sit today {b}!! took {n} days", "good {petkind}!! give {pet} a treat from me {emoji}"],
    ["can you feed {pet} {day}? I'm away till {time}", "of course {a}, key still under the plant? I can be there by {time2}"],
    ["~{pet} stole my sock again {laugh}, that's {n} this week", "{laugh} {a}, {pet} is a menace", "+a cute menace, tell {pet} hi from {friend}"],
    ["{b} vet said {pet} is totally fine, just ate too many {snack}", "phew. {pet} you rascal {emoji} glad it's ok {a}"],
    ["we're getting a {petkind} {day}!! name ideas {b}?", "{pet}? or {pet3} like {friend}'s {petkind}", "+or {pet2}!! {pet2} is so cute {emoji}", "{pet2} it is {emoji} thanks {b}"],
    ["~{pet} says good morning {b}", "hi {pet} 🥺 {emoji} good morning from {friend} too", "+{a} when can I visit, {day}?"],
    ["taking {pet} to {place} {day}, come?", "{yes}, I'll bring {friend}'s {petkind} too"],
    ["{pet} knocked a glass off the table at {time} and stared at me", "classic {petkind} behaviour {laugh} {pet} has no regrets"],
    ["{pet} turned {n} today {emoji}", "happy birthday {pet}!! {a} did you get a cake"],
  ],
};

/** Short messages sprinkled between exchanges ("{b}" is whoever they are sent to). */
export const FILLERS = [
  "haha {b} same {laugh}", "{yes}, see you {day} {b}", "omg {friend} {laugh}", "ok cool, {time} then {b}",
  "wait {b} what about {friend}", "brb {b}, {food} is here {emoji}", "ty {b}!! {emoji}", "no way 😳 {friend} said that at {place}?",
  "good night {b} 🌙 talk {day}", "morning {b}! {emoji}", "omw {b}, {n} min, at {place}", "sounds good, {day} at {time}",
  "you're the best {b} {emoji}", "did you see {friend}'s story from {place}", "ok but {show} season {n} tho {emoji}",
  "can't {day} {b}, {work} all day 😩", "call you at {time} {b}?", "{laugh} {b} stop",
];
