import type { Purpose } from "@/lib/dto";

// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Colour is
// never the only carrier — every chart has a legend with words and a table with the numbers.
export const PURPOSE_COLOR: Record<Purpose, string> = {
  USER_REPORT: "#0072B2",
  PROACTIVE_FLAG: "#56B4E9",
  LEGAL_PROCESS: "#E69F00",
  EMERGENCY: "#D55E00",
  APPEAL: "#009E73",
};
