// The Sequelize recipe (integrations/examples/recipes/sequelize.ts) against the real PostgreSQL, through the router over HTTP.
import { openSequelizeRecipe } from "../../examples/recipes/sequelize.js";
import { describeRecipe } from "../../../test/recipes/support.js";

describeRecipe("Sequelize", openSequelizeRecipe);
