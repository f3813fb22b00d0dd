/** The workbench's exporters: a scenario as files to keep or deploy, results as CSV. */
export { scenarioJson } from './scenario-json.ts';
export { terraformFor, hclString } from './terraform.ts';
export { samTemplateFor, CODE_PLACEHOLDERS } from './cloudformation.ts';
export { cliInputJson } from './cli-input.ts';
export { batchTriggersCsv, metricsCsv, summaryCsv, csvField, type Cell, type MetricsCsvOptions, type Statistic } from './results-csv.ts';
export { mappingRequest, NO_MAPPING_TO_EXPORT, PLACEHOLDERS, type MappingRequest } from './mapping.ts';
