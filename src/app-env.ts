/** The Hono environment shared by every route. */
export interface AppEnv {
  Bindings: Env;
}
