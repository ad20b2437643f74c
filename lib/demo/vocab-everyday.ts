// Everyday DM exchanges by topic: what most of the 30,000 demo messages are. Each exchange is a
// few lines between two people; lines alternate speaker unless they start with "+" (the same
// person sends another message). A leading "~" marks a message sent with a photo. "{a}" is the
// first speaker's first name, "{b}" the other's; the other slots are in vocab-slots.ts.

export type Topic = "plans" | "jokes" | "school" | "work" | "games" | "shopping" | "pets";

export const ADULT_TOPICS: readonly (readonly [Topic, number])[] = [
  ["plans", 5], ["jokes", 3], ["work", 4], ["games", 2], ["shopping", 2], ["pets", 2],
];
export const MINOR_TOPICS: readonly (readonly [Topic, number])[] = [
  ["plans", 3], ["jokes", 3], ["school", 5], ["games", 4], ["shopping", 1], ["pets", 2],
];

export const EXCHANGES: Record<Topic, readonly (readonly string[])[]> = {
  plans: [
    ["are you free {day}? thinking {place} around {time}", "{day} works! {time} is a bit early tho, {time2}?", "deal, see you at {place} at {time2}"],
    ["{b} we still on for {food} {day}?", "yes!! I'm starving already", "+should I ask {friend} too"],
    ["running {n} min late, sorry {b}", "no stress, I'll grab a table at {place}"],
    ["want to catch a movie {day}? the {time} showing", "which one", "the new one from the {show} people", "ok I'm in, I'll bring {snack}"],
    ["{friend} is having people over {day}, you coming?", "maybe, what time", "from {time}, bring {snack} if you can"],
    ["ok so {place} or {place2} for {friend}'s birthday?", "{place2}, {place} was packed last time", "+and cheaper"],
    ["did you get home ok {b}?", "yep! thanks {a}, that was so fun", "+we need to do {food} again soon"],
    ["I booked {place} for {n} people {day} at {time}", "you're a hero {a}"],
    ["trip to {city} in {n} weeks?? I found cheap tickets", "omg yes. send me the dates", "+I'll ask {friend} if we can stay at hers"],
    ["meet at {place} instead? it's closer for {friend}", "sure, {time}?", "perfect"],
    ["~this is the view from {place} right now", "jealous. save me a seat, there by {time}"],
    ["can you pick me up {day}? my bike has a flat", "yeah, {time} outside yours", "+honk twice lol"],
    ["what are you doing {day}", "nothing much, maybe {sport} with {friend}", "+come if you want, we start at {time}"],
  ],
  jokes: [
    ["{b} I just walked into a glass door at {place} in front of everyone", "NO 😂😂", "+are you ok", "my pride isn't"],
    ["~{friend} fell asleep during {show} again", "{n} episodes in a row now, it's a talent"],
    ["why did the scarecrow win an award? because he was outstanding in his field", "{a} that was terrible", "+ok it was a little funny"],
    ["just saw a guy walking a cat on a leash at {place}", "iconic. was the cat into it", "+{friend} would do that tbh"],
    ["my autocorrect changed {food} to 'feelings' so now I've told {friend} I want feelings {day}", "😂😂 honestly relatable"],
    ["~look what {friend} drew on the whiteboard", "that's clearly {teacher} lmao", "+frame it"],
    ["I tried to make {food} and set off the smoke alarm {n} times", "{a} the chef 👨‍🍳", "+should I come with snacks {day}"],
    ["dad joke of the day: I'm reading a book about anti-gravity, can't put it down", "blocking you {a} (not really)"],
    ["{b} you left your {item} at mine lol", "oh no 😭 keep it safe until {day}"],
    ["the group chat is arguing about whether {food} counts as breakfast again", "it does. end of discussion", "+tell {friend} I said so"],
  ],
  school: [
    ["did you finish {subject}?", "lol no, due {day} right?", "+I'm on question {n}", "send help"],
    ["{teacher} said the test is open book!!", "wait really?? best news all week"],
    ["can I copy your notes from {subject}, I was out {day}", "sure, I'll send pics tonight", "~+here's page 1 and {n}"],
    ["we have {sport} practice at {time} {day}", "ugh I forgot my kit, can you bring a spare?"],
    ["who's in our group for {subject}?", "you, me, {friend} and {friend2}", "+meet in the library {day} at {time}?"],
    ["got {num}% on {subject} 🎉", "{a} that's amazing!!", "+I got {num2}, not bad"],
    ["{teacher} is making us present {subject} {day} 😭", "I'll go first if you go second", "deal"],
    ["is the bus still at {time}? {friend} said it changed", "yeah still {time}, I'll save you a seat"],
    ["~look at this chem experiment lol", "is it supposed to be that colour", "+no 😂"],
    ["what did you get for question {n} in {subject}?", "{num}? not sure tbh", "+same, ask {friend} she's a genius"],
    ["school trip to {city} form is due {day}", "did your parents sign it yet", "yeah, mine said yes finally"],
  ],
  work: [
    ["{b} can you cover my shift {day}? I'll take your {time} on Monday", "yeah ok, just this once 😉"],
    ["quick one, is {work} still {day}?", "moved to {time}, I'll send the invite", "+bring the numbers from {friend}"],
    ["~whiteboard from {work} in case you missed it", "thanks {a}, lifesaver"],
    ["boss wants {work} done by {day} 🙃", "of course he does", "+I can help after {time}"],
    ["coffee before {work}? {place} at {time}", "yes please. I'll need it"],
    ["did you see the email about {work}?", "just now. {friend} is handling it right?", "+I hope so lol"],
    ["working from {place} {day}, wifi is surprisingly good", "nice, I'm stuck in the office till {time}"],
    ["{b} congrats on the promotion!!", "thanks {a}! drinks {day}?", "+{place}, {time}, my treat"],
    ["printer on floor {n} is broken again", "classic. use the one by {friend}'s desk"],
    ["can you look over {work} before I send it? {n} slides", "sure, send it over, I'll check by {time}"],
    ["payday {day} 🙌 {food} to celebrate?", "obviously"],
  ],
  games: [
    ["you on {game} tonight? {time}?", "yeah after dinner", "+bring {friend}, we need a fourth"],
    ["I finally beat level {num} in {game}!!", "no way, took me {n} days", "+the boss at the end is so unfair"],
    ["gg that {game} match was wild", "that last round 😂 {friend} carried us", "+rematch {day}"],
    ["{game} update drops {day}, new map", "finally. I'm taking {day} off lol"],
    ["~look at my {game} base", "{a} that's actually sick", "+how long did that take", "like {n} hours don't judge"],
    ["what's your {game} username again?", "same as here, add me", "+I'm on at {time} most days"],
    ["chess {day}? loser buys {food}", "you're on {a}"],
    ["do you have the code for the {game} event? {friend} said there's free skins", "only from the official site, don't click random links"],
    ["lagging so bad in {game} rn", "same, servers are down till {time} apparently"],
    ["{game} tournament {day} at {place}, wanna enter as a team?", "yes!! I'll ask {friend}"],
  ],
  shopping: [
    ["{b} {store} has {item} for {price}", "stop I need that", "+going {day}, coming?"],
    ["~which one, left or right?", "left. definitely left", "+right is cute too but {price} is a lot"],
    ["did you end up getting {item}?", "yeah from {store}, {price} on sale", "+so worth it"],
    ["do you still want half of the {food} order? it's {price} each", "yes, sending now"],
    ["returning {item} to {store} {day}, it's too small", "want to grab {food} after?"],
    ["{store} closes at {time} today btw", "noooo ok going now"],
    ["gift idea for {friend}? budget {price}", "{item}? or tickets to see {band}", "+{band} for sure"],
    ["I owe you {price} for the tickets right?", "yep, whenever", "+no rush {a}"],
    ["~found {item} at the thrift store for {smallprice}!!", "{a} the queen of bargains"],
  ],
  pets: [
    ["~{pet} learned to sit today!!", "good {petkind}!! give {pet} a treat from me"],
    ["can you feed {pet} {day}? I'm away till {time}", "of course, key still under the plant?"],
    ["~{pet} stole my sock again", "😂 {pet} is a menace", "+a cute menace"],
    ["vet said {pet} is totally fine, just ate too many {snack}", "phew. {pet} you rascal"],
    ["we're getting a {petkind}!! name ideas?", "{pet}?", "+or {pet2}", "{pet2} it is"],
    ["~{pet} says good morning {b}", "hi {pet} 🥺", "+{a} when can I visit"],
    ["taking {pet} to {place} {day}, come?", "yes, I'll bring {friend}'s {petkind} too"],
    ["{pet} knocked a glass off the table at {time} am and stared at me", "classic {petkind} behaviour"],
  ],
};

/** Short messages sprinkled between exchanges ("{b}" is whoever they are sent to); slots keep them from all being identical. */
export const FILLERS = [
  "haha {b} same", "lol ok see you {day}", "omg {friend} 😂", "ok cool, {time} then", "wait what about {friend}",
  "brb, {food} is here", "ty {b}!!", "no way 😳 {friend} said that?", "good night {b} 🌙", "morning {b}!",
  "omw, {n} min", "sounds good, {day} it is", "you're the best {b}", "did you see {friend}'s story",
  "ok but {show} season {n} tho", "can't, {work} all day 😩", "yes!! {day}!!", "call you at {time}?",
] as const;
