// The problematic stretches of reported threads, one short script per scenario. They must be
// recognisable for their category at a glance, yet stay mild and non-graphic: this is demo data
// that people read on screen and in screenshots. No slurs, no sexual content, no violence
// described, no self-harm methods (a test checks the vocabulary).

import type { Category } from "../dto";
import type { Script } from "./script-lines";
import { EXPLOITATION_SCRIPTS } from "./scripts-exploitation";
import { HOSTILITY_SCRIPTS } from "./scripts-hostility";

export type { Script, ScriptLine, ScriptRole } from "./script-lines";

export const PROBLEM_SCRIPTS: Record<Category, readonly Script[]> = { ...HOSTILITY_SCRIPTS, ...EXPLOITATION_SCRIPTS };
