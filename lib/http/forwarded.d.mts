import type { BlockList } from "node:net";

export declare const PEER_HEADER: "x-custody-peer";
export declare function normalizeAddress(address: string | null | undefined): string;
export declare function parseTrustedProxies(list: string | null | undefined): BlockList;
export declare function isTrusted(trusted: BlockList, address: string): boolean;
export declare function clientAddress(peer: string, forwardedFor: string | null | undefined, trusted: BlockList): string;
export declare function servedOverHttps(peer: string, socketEncrypted: boolean, forwardedProto: string | null | undefined, trusted: BlockList): boolean;
