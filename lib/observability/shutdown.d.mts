export declare function registerShutdown(fn: () => Promise<void>): void;
export declare function runShutdown(log?: (message: string) => void): Promise<void>;
