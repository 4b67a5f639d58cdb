export * from "./memory.ts";
export * from "./types.ts";
