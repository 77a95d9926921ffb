// The TypeORM recipe (integrations/examples/recipes/typeorm.ts) against the real PostgreSQL, through the router over HTTP.
import { openTypeormRecipe } from "../../examples/recipes/typeorm.js";
import { describeRecipe } from "../../../test/recipes/support.js";

describeRecipe("TypeORM", openTypeormRecipe);
