import type { DestinationStream, Logger } from "pino";
export declare const SECRET_VARIABLES: readonly string[];
export declare const REDACTED_PATHS: readonly string[];
export declare function secretsIn(env: Record<string, string | undefined>): string[];
export declare function scrubber(secrets: readonly string[]): (line: string) => string;
export declare function logger(): Logger;
export declare function makeLogger(env: Record<string, string | undefined>, destination: DestinationStream): Logger;
export declare function routeConsoleToLogger(log?: Logger): void;
