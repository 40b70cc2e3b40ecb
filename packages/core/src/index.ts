export * from "./result";
export * from "./identity";
export * from "./authz";
export * from "./structure";
export * from "./rate-limit";
