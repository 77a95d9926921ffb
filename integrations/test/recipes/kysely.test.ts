// The Kysely recipe (integrations/examples/recipes/kysely.ts) against the real PostgreSQL, through the router over HTTP.
import { openKyselyRecipe } from "../../examples/recipes/kysely.js";
import { describeRecipe } from "../../../test/recipes/support.js";

describeRecipe("Kysely", openKyselyRecipe);
