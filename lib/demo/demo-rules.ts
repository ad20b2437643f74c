import type { RuleInput } from "@/lib/detection/rule-definition";

// The detection rules the demo starts with: harassment terms, a scam phrase with proximity,
// threats, and a grooming pattern across messages. Written in the words the demo's own
// incident scripts use (scripts-*.ts), so messages the platform simulator sends get flagged.

export const DEMO_RULES: RuleInput[] = [
  {
    name: "Harassment: insults",
    category: "HARASSMENT",
    severity: "MEDIUM",
    enabled: true,
    definition: { kind: "terms", terms: ["loser", "pathetic", "useless", "you're a joke", "nobody wants you here", "nobody asked you", "cry about it"] },
  },
  {
    name: "Threats: watch yourself",
    category: "THREATS",
    severity: "CRITICAL",
    enabled: true,
    definition: { kind: "terms", terms: ["watch yourself", "you'll regret it", "you'll be sorry", "I know where you", "see what happens to you", "last warning"] },
  },
  {
    name: "Scam: gift card or code requests",
    category: "SCAM",
    severity: "HIGH",
    enabled: true,
    definition: {
      kind: "terms",
      terms: ["send me", "claim it", "enter your card details", "sign up with my link"],
      near: { terms: ["gift card", "code", "verification code", "shipping fee", "returns are guaranteed"], within: 6 },
    },
  },
  {
    name: "Grooming: age, secrecy and another app",
    category: "GROOMING",
    severity: "CRITICAL",
    enabled: true,
    definition: {
      kind: "signals",
      signals: [
        { label: "age question", terms: ["how old are you", "what grade are you in", "does your mom check your phone"] },
        { label: "secrecy request", terms: ["don't tell your parents", "don't tell anyone", "our secret", "just between us", "delete our chats", "you don't have to tell your parents"] },
        { label: "move to another app", terms: ["let's move to", "lets move to", "add me on", "text me on", "more private there"] },
      ],
      threshold: 3,
      windowDays: 7,
    },
  },
];
