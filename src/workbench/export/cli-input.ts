import type { Scenario } from '../../../engine/index.ts';
import { mappingRequest } from './mapping.ts';

/**
 * The request for `aws lambda create-event-source-mapping --cli-input-json file://…`: the
 * API's own field names, so the file is also a valid CreateEventSourceMapping body.
 */
export function cliInputJson(scenario: Scenario): string {
  return `${JSON.stringify(mappingRequest(scenario), null, 2)}\n`;
}
