// The Knex recipe (integrations/examples/recipes/knex.ts) against the real PostgreSQL, through the router over HTTP.
import { openKnexRecipe } from "../../examples/recipes/knex.js";
import { describeRecipe } from "../../../test/recipes/support.js";

describeRecipe("Knex", openKnexRecipe);
