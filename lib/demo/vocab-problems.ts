// The problematic stretches of reported threads, one short script per scenario. They must be
// recognisable for their category at a glance, yet stay mild and non-graphic: this is demo data
// that people read on screen and in screenshots. No slurs, no sexual content, no violence
// described, no self-harm methods. Roles: "A" wrote the reported messages, "R" received them and
// is who reports, "B" is a bystander in a group (lines for B are dropped in a one-to-one thread).
// Only lines marked bad can be reported, so a report always points at a genuinely bad message.

import type { Category } from "../dto";

export type ScriptRole = "A" | "R" | "B";
export type ScriptLine = { role: ScriptRole; text: string; bad: boolean };
export type Script = {
  lines: readonly ScriptLine[];
  /** What the reporter might type into the report form, in their own words ("{a}": reported person). */
  reports: readonly string[];
  /** Needs a bystander (a group thread). */
  groupOnly?: boolean;
  /** Who the recipient must be for the scenario to make sense (a landlord row, "after school"). */
  audience?: "adults" | "minors";
};

const bad = (text: string): ScriptLine => ({ role: "A", text, bad: true });
const a = (text: string): ScriptLine => ({ role: "A", text, bad: false });
const r = (text: string): ScriptLine => ({ role: "R", text, bad: false });
const b = (text: string): ScriptLine => ({ role: "B", text, bad: false });

export const PROBLEM_SCRIPTS: Record<Category, readonly Script[]> = {
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
  GROOMING: [
    {
      lines: [
        a("hey {r}, you were really good in the {game} lobby again today"),
        r("haha thanks {laugh}"),
        bad("how old are you btw {r}?"),
        r("{age}, why"),
        bad("you seem really mature for your age {r}. don't tell your parents we talk ok? they wouldn't get it"),
        bad("let's move to {app}, it's more private there. I can send you a {price} gift card for {game} if you want"),
      ],
      reports: ["{a} keeps asking how old I am and wants me to move to another app", "{a} told me not to tell my parents we talk and offered me a gift card"],
    },
    {
      lines: [
        a("you always seem so stressed about school {r}, you can talk to me about anything"),
        r("thanks, {subject} is just a lot rn"),
        bad("does your mom check your phone {r}?"),
        bad("delete our chats after, ok {r}? this is just between us. nobody else understands you like I do"),
        bad("add me on {app} instead, I'll explain there"),
      ],
      reports: ["{a} keeps asking if my mom checks my phone and wants me to delete our chats", "an adult told me to keep our chats secret"],
    },
    {
      lines: [
        a("gg {r}! you play {game} every day?"),
        r("mostly after school, {day2} I have {sport}"),
        bad("what grade are you in {r}? you seem older than the kids on here"),
        r("I'm {age}"),
        bad("cool. I'll buy you the {game} season pass, but it's our secret ok? don't tell anyone"),
        bad("can we meet at {place} {day}? just us, don't bring friends"),
      ],
      reports: ["{a} is an adult and keeps asking me to meet up without my friends", "{a} wants to buy me stuff in {game} but says it has to be a secret"],
    },
    {
      lines: [
        bad("you're not like other {age} year olds, you're special {r}"),
        bad("I got you something, {price} on your {game} account. you don't have to tell your parents"),
        r("umm thanks I guess {a}"),
        bad("text me on {app} from now on, this app reads our messages"),
      ],
      reports: ["someone called {a} sent me money in {game} and said not to tell my parents", "{a} wants me to text them on another app and says this app reads our messages"],
    },
  ],
  SCAM: [
    {
      lines: [
        bad("Congratulations {r}! Your account was selected for a {price} gift card 🎉 claim it before midnight: {link}"),
        r("is this real?? I never entered a contest {a}"),
        bad("100% real, just enter your card details to cover the {smallprice} shipping fee"),
      ],
      reports: ["Fake prize message asking for my card details", "got a gift card scam link from {a}"],
    },
    {
      lines: [
        a("hey {r}, long time! how have you been?"),
        r("good {a}! you?"),
        bad("amazing actually, I turned {price} into {bigprice} in two weeks on {platform}"),
        bad("I can get you in, minimum deposit is {price2}. sign up with my link {link} and the returns are guaranteed"),
      ],
      reports: ["{a} is pushing a crypto investment and sent me a sketchy link", "old friend {a} suddenly wants me to invest, I think the account got hacked"],
    },
    {
      lines: [
        bad("hey {r} it's me, I got locked out of my account. can you send me the 6-digit code we just texted you?"),
        r("what code {a}?"),
        bad("the one that just came by SMS {r}, quick pls it expires in {n} minutes"),
      ],
      reports: ["Someone pretending to be {a} asked me for the login code I got by text", "I think {a}'s account is hacked, asking for my verification code"],
    },
    {
      lines: [
        a("hey {r}, is {item} still for sale? saw your post"),
        r("yes, {price}"),
        bad("great. I sent {bigprice} by mistake, please refund the difference in gift cards and send me the codes"),
        bad("my bank will block me otherwise, please hurry. verify the payment here: {link}"),
      ],
      reports: ["buyer for {item} wants a refund in gift cards, looks like a scam", "fake overpayment scam from {a}"],
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
  SELF_HARM: [
    {
      lines: [
        bad("I don't really see the point of anything anymore {r}"),
        r("hey {a}, what's going on? I'm here"),
        bad("honestly {r}, everyone would be better off without me around"),
        r("that's not true at all. I care about you a lot. can I call you tonight? you can also {helpline} any time, it's free and they really listen"),
        a("maybe. thanks {r}"),
      ],
      reports: ["I'm really worried about {a}, they said everyone would be better off without them. please check on them", "my friend {a} said they don't see the point anymore"],
    },
    {
      lines: [
        bad("I'm so tired of everything {r}, nothing is ever going to get better"),
        bad("I keep thinking about just disappearing, {r}"),
        r("{a} I'm really glad you told me. please talk to someone today, you can {helpline}, it's 24/7. I'll stay with you while you do"),
        a("ok {r}. I'll try"),
      ],
      reports: ["My friend {a} keeps talking about disappearing. I gave them the helpline number but I'm scared", "{a} sounds really hopeless, please help them"],
    },
    {
      lines: [
        a("skipped {sport} again today"),
        r("are you ok? you've been really quiet since {past}"),
        bad("not really {r}. I feel like a burden to everyone and I can't see it changing"),
        r("you're not a burden {a}. would you talk to someone? you can {helpline}, or I'll sit with you and we call together"),
      ],
      reports: ["{a} says they feel like a burden and it won't change. please check on them", "worried about my friend {a}"],
    },
  ],
};
