import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import base from "./vitest.config";

// Vitest as Stryker runs it (stryker.config.mjs): the same two projects, but the unit project
// first, as a group of its own. A mutant of a module-level table (a "static" mutant, planted
// while the module loads) is run against every test that imports it, and Stryker stops at the
// first failure: with the fast unit tests first, most such mutants are settled in seconds,
// before the integration project's database work starts.
const projects = (base.test?.projects ?? []).map((p) => {
  const project = p as TestProjectInlineConfiguration;
  return { ...project, test: { ...project.test, sequence: { ...project.test?.sequence, groupOrder: project.test?.name === "unit" ? 0 : 1 } } };
});

export default defineConfig({ ...base, test: { ...base.test, projects } });
