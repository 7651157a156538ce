import type { ServiceModule } from './service-module.js';

/** Every capability that takes part in start-up, in order. Each capability adds its module here (one line). */
export const SERVICE_MODULES: ServiceModule[] = [];
