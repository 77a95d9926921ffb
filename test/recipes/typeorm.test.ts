// The TypeORM recipe (examples/recipes/typeorm.ts) against the real PostgreSQL, through the router over HTTP.
import { openTypeormRecipe } from "../../examples/recipes/typeorm.js";
import { describeRecipe } from "./support.js";

describeRecipe("TypeORM", openTypeormRecipe);
