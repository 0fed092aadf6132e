// A renderer file reaching into main/: forbidden (renderer talks to main only via the host API).
import { SimulationHost } from '../../../main/services/simulationHost';

export const host = SimulationHost;
