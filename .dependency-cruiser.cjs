// The doors of Custody's house, enforced by the build: `npm test` runs them over the tree in its
// lint stage (`npm run lint:deps`) and again in test/unit/dependency-rules.test.ts, where each
// rule also gets a small planted tree that breaks it and must be refused.
// Tests (*.test.ts) may reach anything: they are outside the house.

const notTest = "\\.test\\.tsx?$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules form a tree of layers; a cycle means two of them are one room with two doors.",
      severity: "error",
      from: { path: "^(app|components|lib)/" },
      to: { circular: true },
    },
    {
      name: "lib-not-above",
      comment: "app → components → lib: the application never imports its pages or their React parts.",
      severity: "error",
      from: { path: "^lib/", pathNot: notTest },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-app",
      comment: "Presentational components do not import routes.",
      severity: "error",
      from: { path: "^components/", pathNot: notTest },
      to: { path: "^app/" },
    },
    {
      name: "log-below-auth",
      comment:
        "lib/log (event writer, Merkle tree, checkpoints, sealer, verifiers) is what everything writes to; " +
        "it must not import what reads it or sits above it: auth, the auditor workspace, the domain services, app.",
      severity: "error",
      from: { path: "^lib/log/", pathNot: notTest },
      to: { path: "^(app|components)/|^lib/(auth|audit|access|cases|approvals|history|staff|intake|detection|jobs|cli|client|demo)/" },
    },
    {
      name: "policy-is-pure",
      comment: "lib/policy is one table and pure functions over facts: it imports nothing else of the application.",
      severity: "error",
      from: { path: "^lib/policy/", pathNot: notTest },
      to: { path: "^(app|components|lib/(?!policy/))" },
    },
    {
      name: "only-the-access-path-decrypts",
      comment:
        "Outside lib/crypto, only lib/access/read-case-messages.ts (after the access event commits) may reach " +
        "the decrypt side: unwrapDataKey and open. The one exception is lib/access/read-legal-document.ts, which " +
        "opens a legal request's uploaded document (never DM content) for LEGAL, also after its event commits (ADR 020); " +
        "and lib/access/read-disclosed-messages.ts, which opens a legal request's disclosure package only from the message ids " +
        "its committed EXPORT event names (ADR 028).",
      severity: "error",
      from: { path: "^", pathNot: ["^lib/crypto/", "^lib/access/read-case-messages\\.ts$", "^lib/access/read-legal-document\\.ts$", "^lib/access/read-disclosed-messages\\.ts$", notTest] },
      to: { path: "^lib/crypto/(decrypt|gcm-open)\\.ts$" },
    },
    {
      name: "disclosure-door-has-one-caller",
      comment:
        "lib/access/read-disclosed-messages.ts opens messages by a legal request, not by a grant's page: only the " +
        "package builder (lib/legal/disclosure/build-package.ts), which streams what it opens into the signed package, " +
        "may call it. Others may import its types (ADR 028).",
      severity: "error",
      from: { path: "^", pathNot: ["^lib/legal/disclosure/build-package\\.ts$", notTest] },
      to: { path: "^lib/access/read-disclosed-messages\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "platform-sim-speaks-http",
      comment:
        "The platform simulator plays an outside party: like a real platform it has only Custody's documented " +
        "HTTP contract, so it imports nothing of Custody's tree (its own files, npm packages and Node only). " +
        "Its tests are held to the same: they test the simulator, not Custody.",
      severity: "error",
      from: { path: "^platform-sim/" },
      to: { pathNot: "^(platform-sim/|node_modules/)", dependencyTypesNot: ["core"] },
    },
    {
      name: "house-does-not-import-the-sim",
      comment: "Custody never depends on its stand-in for the platform; scripts start it as a process.",
      severity: "error",
      from: { path: "^(app|components|lib|bench|prisma)/" },
      to: { path: "^platform-sim/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|lib/generated|\\.next|\\.data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
