import type { AsyncLocalStorage } from "node:async_hooks";
export declare const requestContext: AsyncLocalStorage<{ requestId: string }>;
export declare const REQUEST_ID_PATTERN: RegExp;
export declare function requestIdFrom(header: string | string[] | null | undefined): string;
export declare function currentRequestId(): string | undefined;
