// A document/ file importing canvas/: document/ sits below canvas/ in the renderer's layers
// (ui <- document <- run <- files|learn <- charts|inspector <- canvas <- app).
import { planWiring } from '../canvas/wiring';

export const fixture = planWiring;
