// The Drizzle recipe (integrations/examples/recipes/drizzle.ts) against the real PostgreSQL, through the router over HTTP.
import { openDrizzleRecipe } from "../../examples/recipes/drizzle.js";
import { describeRecipe } from "../../../test/recipes/support.js";

describeRecipe("Drizzle", openDrizzleRecipe);
