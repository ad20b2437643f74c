// Name pools for synthetic platform accounts. Common given names and surnames, combined at random,
// so no account is meant to be (or resembles) a real person. The EU pool mixes several member
// states because the EU data region covers all of them.

export const US_FIRST_NAMES = [
  "Aaliyah", "Aiden", "Alex", "Amara", "Andre", "Ava", "Brandon", "Brianna", "Caleb", "Camila",
  "Carter", "Chloe", "Daniel", "Destiny", "Diego", "Dylan", "Elijah", "Emily", "Ethan", "Gabriel",
  "Grace", "Hannah", "Isaiah", "Jada", "Jalen", "Jasmine", "Jordan", "Josiah", "Kayla", "Kevin",
  "Layla", "Logan", "Madison", "Malik", "Maria", "Marcus", "Mason", "Maya", "Mia", "Nathan",
  "Nevaeh", "Noah", "Olivia", "Priya", "Riley", "Rosa", "Ryan", "Samantha", "Sofia", "Taylor",
  "Trinity", "Tyler", "Valeria", "Wyatt", "Xavier", "Zoe", "Kai", "Leah", "Owen", "Naomi",
] as const;

export const US_LAST_NAMES = [
  "Adams", "Alvarez", "Bennett", "Brooks", "Carter", "Chen", "Coleman", "Cruz", "Davis", "Diaz",
  "Edwards", "Evans", "Flores", "Foster", "Garcia", "Gonzalez", "Gray", "Hayes", "Henderson",
  "Hughes", "Jackson", "Jenkins", "Kim", "Lee", "Lopez", "Martinez", "Mitchell", "Morales",
  "Murphy", "Nguyen", "Ortiz", "Parker", "Patel", "Perry", "Powell", "Ramirez", "Reed", "Reyes",
  "Rivera", "Robinson", "Russell", "Sanders", "Shah", "Simmons", "Stewart", "Sullivan", "Thompson",
  "Torres", "Turner", "Walker", "Washington", "Watson", "Williams", "Wright", "Young",
] as const;

export const EU_FIRST_NAMES = [
  "Agnieszka", "Alba", "Aleksander", "Amélie", "Anna", "Antoine", "Astrid", "Bram", "Camille",
  "Chiara", "Clara", "Dario", "Elif", "Elena", "Emil", "Emma", "Enzo", "Eva", "Finn", "Florian",
  "Giulia", "Hugo", "Ines", "Jakub", "Jan", "Jonas", "Julia", "Kacper", "Karin", "Lars", "Laura",
  "Lea", "Leon", "Lina", "Lorenzo", "Luca", "Lucas", "Lukas", "Maja", "Marco", "Marie", "Mateo",
  "Matteo", "Mila", "Nina", "Niamh", "Noor", "Oskar", "Paula", "Pieter", "Rosa", "Sara", "Seán",
  "Sofia", "Theo", "Tomás", "Valentina", "Wiktoria", "Yusuf", "Zofia",
] as const;

export const EU_LAST_NAMES = [
  "Andersson", "Bauer", "Bernard", "Bianchi", "Byrne", "Colombo", "de Vries", "Dubois", "Fischer",
  "Fernández", "García", "Hansen", "Horvat", "Jansen", "Kowalski", "Kovács", "Lambert", "Laurent",
  "Lehmann", "Lindqvist", "Martin", "Meyer", "Moreau", "Müller", "Nielsen", "Novák", "O'Brien",
  "Peeters", "Petit", "Ricci", "Romano", "Rossi", "Sánchez", "Schmidt", "Schneider", "Silva",
  "Van den Berg", "Virtanen", "Wagner", "Weber", "Wójcik", "Yilmaz", "Zimmermann", "Costa",
  "Novak", "Lund", "Keller", "Moretti", "Rousseau", "Santos",
] as const;

/** Handle suffixes people actually use; digits make collisions between namesakes rare. */
export const HANDLE_WORDS = [
  "art", "bikes", "codes", "draws", "eats", "films", "fit", "games", "hq", "irl", "jr", "life",
  "makes", "music", "official", "plays", "reads", "runs", "skates", "snaps", "x", "zone",
] as const;

/** Display-name decorations some accounts use (teenagers more often). */
export const NAME_EMOJI = ["✨", "🌙", "⚽", "🎮", "🌻", "🎧", "🏀", "🐾", "🌊", "🔥"] as const;

/** Hints in handles of protected accounts, so a reviewer sees why the account is flagged. */
export const PROTECTED_HANDLE_STYLE = {
  journalist: ["{first}{last}news", "{first}.reports", "{last}.press"],
  official: ["councillor.{last}", "rep.{first}{last}", "{last}.office"],
  staff: ["{first}.{last}", "{first}{last}", "{first}_{last}"],
} as const;

/** Strips accents and anything but letters, so "Seán Ó'Brien" becomes "sean" / "obrien". */
export function handlePart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
