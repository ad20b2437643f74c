// Incident scripts for hostility between people: harassment, threats, hate. Recognisable at a
// glance, but mild: insults without slurs, threats without any violence described, hateful
// generalisations about a group without slurs.

import { a, b, bad, r, type Script } from "./script-lines";

export const HOSTILITY_SCRIPTS = {
  HARASSMENT: [
    {
      groupOnly: true,
      lines: [
        bad("nobody wants you here {r}, just leave the group"),
        r("what did I even do {a}??"),
        bad("literally everything. you're so annoying it's embarrassing, even {friend} says so"),
        b("{a} chill, that's not ok"),
        bad("whatever. leave the group {r}, you ruin every chat you're in"),
      ],
      reports: ["{a} keeps insulting me and telling me to leave the group", "people in our group chat are ganging up on me, {a} started it"],
    },
    {
      lines: [
        bad("lol you actually showed up to {place} looking like that {r}"),
        r("can you stop {a}"),
        bad("no. you're a joke, everyone at {place} thinks so"),
        r("I'm blocking you {a}. done."),
        bad("block me, I'll just make another account. you can't get rid of me {r}"),
      ],
      reports: ["{a} keeps messaging me after I blocked them on the other app", "{a} says they will make new accounts if I block them"],
    },
    {
      lines: [
        bad("why are you even talking {r}, nobody asked you"),
        bad("seriously you're the most pathetic person I know, everyone at {place} laughs at you"),
        r("leave me alone {a}"),
        bad("make me 😂 loser. I'll be messaging you every day till you quit {sport}"),
      ],
      reports: ["{a} won't stop calling me names, I asked {n} times for them to stop", "daily insults from {a}"],
    },
    {
      lines: [
        a("saw your post from {place}"),
        bad("honestly {r} you're so useless, can't believe {friend} still hangs out with you"),
        r("why do you keep doing this {a}"),
        bad("because it's funny watching you get upset {r}. cry about it"),
        bad("I'll keep sending these until you delete your account, {r}"),
      ],
      reports: ["{a} keeps sending me mean messages and says they won't stop until I delete my account", "constant insults from {a}, please make it stop"],
    },
  ],
  THREATS: [
    {
      audience: "minors",
      lines: [
        bad("you'd better watch yourself after school {day} {r}"),
        r("what is that supposed to mean {a}"),
        bad("it means I know which way you walk home. see you {day}"),
      ],
      reports: ["{a} said I'd better watch myself after school. I'm scared to walk home", "{a} is threatening me and knows my way home"],
    },
    {
      audience: "minors",
      lines: [
        bad("you think you're funny {r}? say that to my face at {place} {day}"),
        r("I didn't even say anything {a}"),
        bad("me and {friend} will be waiting for you by the bus stop. you'd better not show up"),
      ],
      reports: ["{a} says they'll be waiting for me at the bus stop", "{a} and their friends are threatening me"],
    },
    {
      audience: "adults",
      lines: [
        bad("keep talking about me and see what happens to you {r}"),
        r("I haven't said anything about you {a}"),
        bad("I know where you park at {place}. think about that before {day}"),
      ],
      reports: ["Got threatening messages from {a}, they say they know where I park", "{a} threatened me, I don't even know why"],
    },
    {
      audience: "adults",
      lines: [
        bad("one more complaint to the landlord and you'll regret it {r}"),
        r("the music was on at {time} on a weeknight, I'm allowed to complain"),
        bad("I know what time you get home. {time2} right? just remember that"),
      ],
      reports: ["My neighbour {a} is threatening me over a noise complaint and knows when I get home", "threats from {a} about the landlord complaint"],
    },
    {
      audience: "adults",
      lines: [
        bad("delete what you wrote about me or you'll be sorry {r}"),
        r("I'm not deleting anything {a}, it's all true"),
        bad("people like you end up regretting things {r}. I know where your office is"),
        bad("last warning. you have until {day}"),
      ],
      reports: ["{a} told me I'd be sorry if I don't delete what I wrote. they know where my office is", "threatening messages about my work from {a}"],
    },
  ],
  HATE: [
    {
      lines: [
        bad("people like you don't belong in this country {r}, go back to where you came from"),
        r("wow. I was born in {city}"),
        bad("doesn't matter {r}. your kind are all the same, lazy and always taking from the rest of us"),
      ],
      reports: ["{a} told me people like me don't belong in this country", "racist comments from {a}"],
    },
    {
      groupOnly: true,
      lines: [
        bad("honestly immigrants are ruining {city}, they're all criminals"),
        b("that's a disgusting thing to say {a}"),
        bad("it's just facts {r}. those people shouldn't even be allowed to live here"),
        r("my family are immigrants {a}"),
      ],
      reports: ["hateful comments about immigrants in our group chat from {a}", "{a} keeps saying immigrants are criminals"],
    },
    {
      lines: [
        bad("of course you'd think that {r}, people of your religion are all backwards"),
        r("what does my religion have to do with anything {a}"),
        bad("everything {r}. your people have never contributed anything to this country"),
      ],
      reports: ["{a} said my religion makes me backwards. this isn't the first time", "religious hate from {a}"],
    },
    {
      lines: [
        bad("I don't want people from your country on my {sport} team {r}, you're all liars"),
        r("that's really not ok {a}"),
        bad("just saying what everyone thinks. your kind should stick to your own"),
      ],
      reports: ["{a} said people from my country are all liars", "{a} won't let me on the team because of where I'm from"],
    },
  ],
} satisfies Record<"HARASSMENT" | "THREATS" | "HATE", readonly Script[]>;
