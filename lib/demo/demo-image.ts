// The picture a demo "photo" message carries: a real 1×1 PNG, so demo media goes through the
// same magic-byte check and encryption as a platform's images. (Demo data invents no pictures.)
export const DEMO_PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
