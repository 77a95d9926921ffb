// The plain node-postgres recipe (examples/recipes/pg.ts) against the real PostgreSQL, over HTTP.
import { openPgRecipe } from "../../examples/recipes/pg.js";
import { describeRecipe } from "./support.js";

describeRecipe("node-postgres (plain SQL)", openPgRecipe);
