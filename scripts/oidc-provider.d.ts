// oidc-provider ships no type declarations; the test provider (scripts/idp-dev.ts) uses it untyped.
declare module "oidc-provider" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Provider: any;
  export default Provider;
}
