import type { DestinationStream, Logger } from "pino";
export declare const SECRET_VARIABLES: readonly string[];
export declare const REDACTED_PATHS: readonly string[];
export declare function secretsIn(env: NodeJS.ProcessEnv): string[];
export declare function scrubber(secrets: readonly string[]): (line: string) => string;
export declare function logger(): Logger;
export declare function makeLogger(env: NodeJS.ProcessEnv, destination: DestinationStream): Logger;
export declare function routeConsoleToLogger(log?: Logger): void;
