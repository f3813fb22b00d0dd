/**
 * The scenario's event source mapping as a Terraform `aws_lambda_event_source_mapping`
 * resource, with the AWS provider's argument names. Only the mapping: the stream or
 * cluster, the function and its role are left for the reader to define or reference.
 */
import type { Scenario } from '../../../engine/index.ts';
import { commentText, mappingRequest } from './mapping.ts';

type Value = string | number | boolean | string[];
interface Attribute {
  name: string;
  value: Value;
}
interface Block {
  type: string;
  labels?: string[];
  body: (Attribute | Block)[];
}

export function terraformFor(scenario: Scenario): string {
  const r = mappingRequest(scenario);
  const body: (Attribute | Block)[] = [];
  const set = (name: string, value: Value | undefined) => {
    if (value !== undefined) body.push({ name, value });
  };

  set('event_source_arn', r.EventSourceArn);
  set('function_name', r.FunctionName);
  set('topics', r.Topics);
  set('starting_position', r.StartingPosition);
  set('batch_size', r.BatchSize);
  set('maximum_batching_window_in_seconds', r.MaximumBatchingWindowInSeconds);
  set('parallelization_factor', r.ParallelizationFactor);
  set('maximum_retry_attempts', r.MaximumRetryAttempts);
  set('maximum_record_age_in_seconds', r.MaximumRecordAgeInSeconds);
  set('bisect_batch_on_function_error', r.BisectBatchOnFunctionError);
  set('function_response_types', r.FunctionResponseTypes);

  if (r.ProvisionedPollerConfig) {
    body.push({
      type: 'provisioned_poller_config',
      body: [
        { name: 'minimum_pollers', value: r.ProvisionedPollerConfig.MinimumPollers },
        { name: 'maximum_pollers', value: r.ProvisionedPollerConfig.MaximumPollers },
      ],
    });
  }
  if (r.FilterCriteria) {
    // The pattern stays the exact text the scenario holds. jsonencode() of an HCL object
    // would rewrite numbers (300.0 becomes 300), and Lambda matches plain values by their
    // written form, so it could change what the filter keeps.
    body.push({
      type: 'filter_criteria',
      body: r.FilterCriteria.Filters.map((f) => ({ type: 'filter', body: [{ name: 'pattern', value: f.Pattern }] })),
    });
  }
  if (r.DestinationConfig) {
    body.push({
      type: 'destination_config',
      body: [{ type: 'on_failure', body: [{ name: 'destination_arn', value: r.DestinationConfig.OnFailure.Destination }] }],
    });
  }

  const header = [
    `# Event source mapping of the scenario "${commentText(scenario.name)}", exported by the Serverless Streaming Lab.`,
    '# Replace the UPPER_CASE placeholders. Only the mapping is here: the stream or cluster,',
    '# the function and its execution role are yours to define or reference.',
  ];
  if (scenario.source.type === 'kinesis' && scenario.source.consumer === 'efo') {
    header.push('# The source is an enhanced fan-out consumer: register it (aws_kinesis_stream_consumer) first.');
  }
  return `${header.join('\n')}\n${renderBlock({ type: 'resource', labels: ['aws_lambda_event_source_mapping', 'this'], body }, '')}`;
}

/**
 * Renders a block as `terraform fmt` lays it out: the `=` of consecutive attributes lined
 * up, and a blank line before each nested block.
 */
function renderBlock(block: Block, indent: string): string {
  const inner = `${indent}  `;
  const labels = (block.labels ?? []).map((l) => ` ${hclString(l)}`).join('');
  const lines: string[] = [`${indent}${block.type}${labels} {`];
  let run: Attribute[] = [];
  const flush = () => {
    const width = Math.max(...run.map((a) => a.name.length));
    for (const a of run) lines.push(`${inner}${a.name.padEnd(width)} = ${hclValue(a.value)}`);
    run = [];
  };
  block.body.forEach((item, i) => {
    if ('name' in item) {
      run.push(item);
      return;
    }
    if (run.length > 0) flush();
    if (i > 0) lines.push('');
    lines.push(renderBlock(item, inner).trimEnd());
  });
  if (run.length > 0) flush();
  lines.push(`${indent}}`);
  return `${lines.join('\n')}\n`;
}

function hclValue(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(hclString).join(', ')}]`;
  if (typeof value === 'string') return hclString(value);
  return String(value);
}

/**
 * A quoted HCL string holding `text` exactly. Besides the JSON-like escapes, HCL reads
 * `${` and `%{` as the start of a template, so those are doubled to stay literal.
 */
export function hclString(text: string): string {
  const escaped = text
    .replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
      switch (c) {
        case '\\':
          return '\\\\';
        case '"':
          return '\\"';
        case '\n':
          return '\\n';
        case '\r':
          return '\\r';
        case '\t':
          return '\\t';
        default:
          return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      }
    })
    // A function, not a replacement string: in one, `$$` would mean a single `$`.
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
  return `"${escaped}"`;
}
