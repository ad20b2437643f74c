// Values for the "{slot}" placeholders in message templates. Games, shows, apps, shops and
// crypto platforms are invented so the demo neither advertises nor defames a real product.

export const SLOT_VALUES = {
  // Bare forms, so "{day}" reads right after "until", "by", "see you" and at a sentence start.
  day: [
    "tomorrow", "tonight", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday",
    "Thursday", "this weekend", "next week", "Saturday morning", "Sunday afternoon", "Friday night",
    "Wednesday evening", "the 14th",
  ],
  past: [
    "yesterday", "last night", "Monday", "Tuesday", "Friday", "Saturday", "last week", "this morning",
    "the other day",
  ],
  place: [
    "the climbing gym", "Luigi's", "the library", "Blue Door Café", "the skate park", "Riverside Park",
    "the food court", "the bowling alley", "Corner Bakery", "the station", "the ramen place",
    "the rec center", "the pier", "the farmers market", "Marlow's Diner", "the cinema on 3rd",
    "the taco truck", "the student lounge", "the football pitch", "the bookshop café",
    "the old arcade", "the community pool", "the noodle bar", "Harbor Coffee", "the ice rink",
  ],
  food: [
    "pizza", "ramen", "tacos", "sushi", "burgers", "pho", "falafel", "dumplings", "pancakes",
    "curry", "pad thai", "a kebab", "poke bowls", "waffles", "bagels", "pasta", "fried chicken",
    "bibimbap", "crêpes", "empanadas",
  ],
  game: [
    "Starfall Arena", "Block Kingdoms", "Rift Racers", "Mage Tactics", "Tiny Farm 3",
    "Galaxy Drift", "Dungeon Dash", "Skyline Heroes", "Pixel Legends", "Castle Clash Royale",
    "Ocean Outpost", "Neon Kart", "Frostbite Survival", "Word Towers", "Deep Core Miners",
  ],
  // Singular, so "is {item} still for sale?" reads right.
  item: [
    "the green hoodie", "a pair of running shoes", "a phone case", "a pair of headphones", "a desk lamp",
    "the denim jacket", "a backpack", "a pair of sneakers", "a winter coat", "the blue dress",
    "a gaming mouse", "a water bottle", "the board game", "a rain jacket", "a pair of sunglasses",
    "a birthday present for mum", "a mechanical keyboard", "a plant pot", "a yoga mat",
  ],
  store: [
    "the outlet mall", "Hartley's", "the thrift store", "MegaMart", "the vintage shop",
    "the sports store", "Bloom & Co", "the market", "the electronics place", "Pennywise",
  ],
  subject: [
    "maths", "the chem lab report", "the history essay", "French", "the bio test", "geography",
    "the English presentation", "physics", "the art portfolio", "Spanish vocab", "the algebra quiz",
    "computer science", "the book report", "the group project", "music theory",
  ],
  pet: [
    "Biscuit", "Mochi", "Pepper", "Luna", "Ziggy", "Nugget", "Olive", "Bruno", "Pickles", "Maple",
    "Toffee", "Rocket", "Juniper", "Waffles", "Pumpkin", "Sushi", "Bean", "Clover",
  ],
  petkind: ["dog", "cat", "hamster", "rabbit", "puppy", "kitten", "guinea pig", "parrot"],
  work: [
    "the quarterly deck", "the client call", "the new rota", "inventory", "the standup",
    "the budget sheet", "the onboarding doc", "the site visit", "the audit prep", "the launch plan",
    "the night shift", "the team offsite", "the delivery schedule", "the training session",
    "the supplier invoice", "the performance review",
  ],
  show: [
    "Night Harbor", "The Lighthouse Files", "Baking Wars", "Station Zero", "Little Fires Road",
    "The Orchard", "Cold Case Island", "Space Cadets", "The Last Ferry", "Kitchen Rescue",
  ],
  snack: ["chips", "popcorn", "cookies", "gummy bears", "pretzels", "cake", "brownies", "fruit"],
  sport: ["basketball", "football", "volleyball", "tennis", "swim", "track", "hockey", "climbing"],
  team: ["the Hawks", "the Comets", "United", "the Otters", "the Rangers", "City", "the Foxes"],
  band: ["Paper Satellites", "The Wild Lanterns", "Velvet Owl", "Northbound", "Glass Harbour"],
  app: ["Whisperly", "Kitechat", "Hushline", "Snapnest", "Vanishr"],
  platform: ["CoinVault Pro", "BitHarvest", "QuantumYield", "NovaTrade X", "MoonLedger"],
  scamHost: [
    "prize-claim-center", "coinvault-pro", "gift-rewards-now", "secure-account-check",
    "bitharvest-invest", "winner-verify", "parcel-redelivery",
  ],
  yes: [
    "yes", "yess", "yesss!!", "ok deal", "deal", "sounds good", "perfect", "100%", "def", "omg yes",
    "I'm in", "count me in", "sure", "yeah ok", "works for me", "ofc", "yep", "absolutely",
  ],
  laugh: ["😂😂", "lmao", "LOL", "hahaha", "😭😭", "💀", "stoppp", "lol", "😂", "ahaha", "haha", "dying 😂"],
  emoji: ["🎉", "🙌", "😊", "❤️", "✨", "🥳", "👍", "😎", "🙏", "💪", "😅", "🤞", "🔥", "🥰"],
  usCity: ["Chicago", "Austin", "Denver", "Atlanta", "Portland", "Phoenix", "Boston", "Seattle"],
  euCity: ["Lyon", "Munich", "Rotterdam", "Kraków", "Porto", "Milan", "Dublin", "Gothenburg"],
} as const;

export type SlotList = keyof typeof SLOT_VALUES;
