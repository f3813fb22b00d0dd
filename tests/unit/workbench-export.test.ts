import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../../engine/index.ts';
import {
  cliInputJson,
  CODE_PLACEHOLDERS,
  csvField,
  hclString,
  metricsCsv,
  PLACEHOLDERS,
  samTemplateFor,
  scenarioJson,
  summaryCsv,
  terraformFor,
} from '../../src/workbench/export/index.ts';
import { yamlString } from '../../src/workbench/export/yaml.ts';
import { kinesisScenario } from './support/scenarios.ts';

const DIR = new URL('../../scenarios/', import.meta.url);
const presets = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function parsed(input: unknown): Scenario {
  const checked = parseScenario(input);
  if (!checked.ok) throw new Error(checked.problems.map((p) => p.message).join('\n'));
  return checked.value;
}
const preset = (file: string): Scenario => parsed(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
/** Presets with an event source mapping: requests go straight to the function and have none to export. */
const mappingPresets = presets.filter((file) => preset(file).source.type !== 'requests');

/** A scenario with some mapping settings replaced, not re-validated (exporters must not care). */
function withMapping(s: Scenario, changes: Partial<Scenario['eventSourceMapping']>): Scenario {
  return { ...s, eventSourceMapping: { ...s.eventSourceMapping, ...changes } };
}

const NAMED = ['kinesis-4-shards.json', 'filtering-iot-esm.json', 'failures-poison-pill-handled.json', 'kafka-spike-provisioned.json'];
const EXPORTERS = { terraformFor, samTemplateFor, cliInputJson, scenarioJson };

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('scenarioJson', () => {
  it('covers the presets named in the issue', () => {
    for (const file of NAMED) expect(presets).toContain(file);
  });

  for (const file of presets) {
    it(`${file}: parseScenario reads the text back to the same scenario`, () => {
      const scenario = preset(file);
      const text = scenarioJson(scenario);
      const again = parseScenario(JSON.parse(text));
      expect(again.ok ? [] : again.problems.map((p) => p.message)).toEqual([]);
      if (!again.ok) return;
      expect(again.value).toStrictEqual(scenario);
      expect(scenarioJson(again.value)).toBe(text);
    });
  }

  it('is indented by two spaces and ends with one newline', () => {
    const text = scenarioJson(preset('kafka-spike-provisioned.json'));
    expect(text.split('\n')[1]).toMatch(/^ {2}"name": /);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toContain('\t');
  });
});

describe('every exporter on every preset', () => {
  for (const file of presets) {
    it(`${file}: no undefined, NaN or [object Object]`, () => {
      const scenario = preset(file);
      const exporters = mappingPresets.includes(file) ? EXPORTERS : { scenarioJson };
      for (const [name, exporter] of Object.entries(exporters)) {
        const text = exporter(scenario);
        for (const bad of ['undefined', 'NaN', '[object Object]', 'Infinity']) {
          expect(text.includes(bad), `${name} on ${file} holds ${bad}`).toBe(false);
        }
      }
    });
  }
});

describe('cliInputJson', () => {
  for (const file of mappingPresets) {
    it(`${file}: the request carries the scenario's choices and placeholders`, () => {
      const s = preset(file);
      const esm = s.eventSourceMapping;
      const kafka = s.source.type === 'kafka';
      const req = JSON.parse(cliInputJson(s));

      expect(req.FunctionName).toBe('FUNCTION_NAME');
      expect(req.EventSourceArn).toBe(
        kafka ? PLACEHOLDERS.mskClusterArn : s.source.type === 'kinesis' && s.source.consumer === 'efo' ? PLACEHOLDERS.kinesisConsumerArn : PLACEHOLDERS.kinesisStreamArn,
      );
      expect(req.StartingPosition).toBe(esm.StartingPosition);
      expect(req.Topics).toEqual(kafka ? ['TOPIC_NAME'] : undefined);
      // Defaults are left out; anything else appears with the scenario's value.
      expect(req.BatchSize).toBe(esm.BatchSize === 100 ? undefined : esm.BatchSize);
      expect(req.ParallelizationFactor).toBe(!kafka && esm.ParallelizationFactor !== 1 ? esm.ParallelizationFactor : undefined);
      expect(req.ProvisionedPollerConfig).toEqual(kafka ? esm.ProvisionedPollerConfig : undefined);
      expect(req.FilterCriteria).toEqual(esm.FilterCriteria?.Filters.length ? esm.FilterCriteria : undefined);
      expect(req.MaximumRetryAttempts).toBe(esm.MaximumRetryAttempts === -1 ? undefined : esm.MaximumRetryAttempts);
      expect(req.MaximumRecordAgeInSeconds).toBe(esm.MaximumRecordAgeInSeconds === -1 ? undefined : esm.MaximumRecordAgeInSeconds);
      expect(req.BisectBatchOnFunctionError).toBe(esm.BisectBatchOnFunctionError ? true : undefined);
      expect(req.FunctionResponseTypes).toEqual(esm.FunctionResponseTypes.length ? esm.FunctionResponseTypes : undefined);
      expect(req.DestinationConfig).toEqual(esm.DestinationConfig);
      // Nothing but CreateEventSourceMapping's own fields.
      const known = [
        'EventSourceArn', 'FunctionName', 'Topics', 'StartingPosition', 'BatchSize', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor',
        'ProvisionedPollerConfig', 'FilterCriteria', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError',
        'FunctionResponseTypes', 'DestinationConfig',
      ];
      for (const key of Object.keys(req)) expect(known).toContain(key);
    });
  }

  it('writes the presets named in the issue as expected', () => {
    expect(JSON.parse(cliInputJson(preset('kinesis-4-shards.json')))).toEqual({
      EventSourceArn: 'arn:aws:kinesis:REGION:ACCOUNT_ID:stream/STREAM_NAME',
      FunctionName: 'FUNCTION_NAME',
      StartingPosition: 'LATEST',
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 2,
    });
    const kafka = JSON.parse(cliInputJson(preset('kafka-spike-provisioned.json')));
    expect(kafka.ProvisionedPollerConfig).toEqual({ MinimumPollers: 5, MaximumPollers: 100 });
    expect(kafka.BatchSize).toBe(50);
    expect(kafka).not.toHaveProperty('ParallelizationFactor');
    const handled = JSON.parse(cliInputJson(preset('failures-poison-pill-handled.json')));
    expect(handled).toMatchObject({ BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2 });
    expect(handled.DestinationConfig.OnFailure.Destination).toBe('arn:aws:sqs:us-east-1:123456789012:telemetry-failures');
    const filtered = JSON.parse(cliInputJson(preset('filtering-iot-esm.json')));
    expect(filtered.FilterCriteria.Filters).toEqual([{ Pattern: '{"data":{"tire_pressure":[{"numeric":["<",32]}]}}' }]);
    expect(filtered).toMatchObject({ BatchSize: 1, ParallelizationFactor: 10 });
    expect(filtered).not.toHaveProperty('MaximumBatchingWindowInSeconds'); // 0 is Kinesis's default
  });

  it('writes the batching window only when the scenario set it, and any set value on Kafka', () => {
    const kinesis = parsed(kinesisScenario({ eventSourceMapping: { MaximumBatchingWindowInSeconds: 0 } }));
    expect(JSON.parse(cliInputJson(kinesis))).not.toHaveProperty('MaximumBatchingWindowInSeconds');
    expect(JSON.parse(cliInputJson(withMapping(kinesis, { MaximumBatchingWindowInSeconds: 5 }))).MaximumBatchingWindowInSeconds).toBe(5);

    const onDemand = preset('kafka-spike-on-demand.json');
    const unset = withMapping(onDemand, { MaximumBatchingWindowInSeconds: undefined });
    // Kafka's default is 500 ms, which the API cannot express: left out, not written as 0 or 0.5.
    expect(JSON.parse(cliInputJson(unset))).not.toHaveProperty('MaximumBatchingWindowInSeconds');
    expect(JSON.parse(cliInputJson(withMapping(onDemand, { MaximumBatchingWindowInSeconds: 0 }))).MaximumBatchingWindowInSeconds).toBe(0);
    expect(JSON.parse(cliInputJson(onDemand))).not.toHaveProperty('ProvisionedPollerConfig');
  });

  it("never writes a setting of the other source, even on a scenario that skipped validation", () => {
    const kafka = withMapping(preset('kafka-spike-provisioned.json'), { ParallelizationFactor: 4 });
    const kinesis = withMapping(preset('kinesis-4-shards.json'), { ProvisionedPollerConfig: { MinimumPollers: 3, MaximumPollers: 9 } });
    for (const exporter of [cliInputJson, terraformFor, samTemplateFor]) {
      expect(exporter(kafka)).not.toMatch(/ParallelizationFactor|parallelization_factor/);
      expect(exporter(kinesis)).not.toMatch(/Pollers|pollers|Topics|topics/);
    }
  });

  it('points an enhanced fan-out mapping at a stream consumer', () => {
    expect(JSON.parse(cliInputJson(preset('kinesis-efo.json'))).EventSourceArn).toBe(PLACEHOLDERS.kinesisConsumerArn);
  });
});

/** Reads an HCL quoted string starting at `from` (the opening quote): its value and where it ends. */
function readHclString(text: string, from: number): { value: string; end: number } {
  let value = '';
  let i = from + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined || c === '\n') throw new Error(`unterminated string at ${from}`);
    if (c === '"') return { value, end: i + 1 };
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e === undefined || !(e in simple)) throw new Error(`unknown escape \\${e}`);
      value += simple[e];
      i += 2;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      value += `${c}{`;
      i += 3;
      continue;
    }
    // An undoubled ${ or %{ would start a template: the export must never hold one.
    if ((c === '$' || c === '%') && text[i + 1] === '{') throw new Error(`template sequence ${c}{ at ${i}`);
    value += c;
    i += 1;
  }
}

/** Braces outside strings and comments must balance, and never close more than opened. */
function braceDepthsBalance(hcl: string): boolean {
  let depth = 0;
  for (let i = 0; i < hcl.length; i++) {
    const c = hcl[i];
    if (c === '#') i = hcl.indexOf('\n', i);
    else if (c === '"') i = readHclString(hcl, i).end - 1;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
    if (i < 0) break;
  }
  return depth === 0;
}

function hclPatterns(hcl: string): string[] {
  const found: string[] = [];
  for (const match of hcl.matchAll(/^\s*pattern\s*=\s*"/gm)) found.push(readHclString(hcl, match.index + match[0].length - 1).value);
  return found;
}

describe('terraformFor', () => {
  for (const file of mappingPresets) {
    it(`${file}: one mapping resource with the provider's names, balanced braces and exact patterns`, () => {
      const s = preset(file);
      const esm = s.eventSourceMapping;
      const kafka = s.source.type === 'kafka';
      const hcl = terraformFor(s);

      expect(occurrences(hcl, 'resource "aws_lambda_event_source_mapping"')).toBe(1);
      expect(occurrences(hcl, 'resource "')).toBe(1); // nothing that pretends to be the whole stack
      expect(braceDepthsBalance(hcl)).toBe(true);
      expect(hcl).toMatch(/^ {2}function_name += "FUNCTION_NAME"$/m);
      expect(hcl).toMatch(new RegExp(`^ {2}starting_position += "${esm.StartingPosition}"$`, 'm'));
      expect(hcl).toContain(kafka ? PLACEHOLDERS.mskClusterArn : 'arn:aws:kinesis:REGION:ACCOUNT_ID:stream/STREAM_NAME');
      expect(/^ {2}topics += \["TOPIC_NAME"\]$/m.test(hcl)).toBe(kafka);
      expect(hcl.includes('parallelization_factor')).toBe(!kafka && esm.ParallelizationFactor !== 1);
      if (!kafka && esm.ParallelizationFactor !== 1) expect(hcl).toMatch(new RegExp(`parallelization_factor += ${esm.ParallelizationFactor}$`, 'm'));
      expect(hcl.includes('minimum_pollers')).toBe(kafka && esm.ProvisionedPollerConfig !== undefined);
      if (esm.ProvisionedPollerConfig) {
        expect(hcl).toMatch(new RegExp(`minimum_pollers += ${esm.ProvisionedPollerConfig.MinimumPollers}$`, 'm'));
        expect(hcl).toMatch(new RegExp(`maximum_pollers += ${esm.ProvisionedPollerConfig.MaximumPollers}$`, 'm'));
      }
      expect(hcl.includes('batch_size')).toBe(esm.BatchSize !== 100);
      if (esm.BatchSize !== 100) expect(hcl).toMatch(new RegExp(`^ {2}batch_size += ${esm.BatchSize}$`, 'm'));
      if (esm.DestinationConfig) expect(hcl).toContain(`destination_arn = "${esm.DestinationConfig.OnFailure.Destination}"`);

      const originals = esm.FilterCriteria?.Filters.map((f) => f.Pattern) ?? [];
      expect(hclPatterns(hcl)).toEqual(originals);
      for (const [i, text] of hclPatterns(hcl).entries()) expect(JSON.parse(text)).toEqual(JSON.parse(originals[i]!));
      expect(occurrences(hcl, 'filter {')).toBe(originals.length);
      // Every line before the resource is a comment.
      const head = hcl.slice(0, hcl.indexOf('resource "'));
      for (const line of head.split('\n').filter(Boolean)) expect(line.startsWith('#')).toBe(true);
    });
  }

  it('keeps awkward patterns exact: quotes, backslashes, template sequences and line breaks', () => {
    const patterns = [
      '{"data":{"note":["${HOME} %{ if x } $${y} \\"quoted\\" back\\\\slash"]}}',
      '{\n  "data": {\n\t"fleet_id": ["fleet-1", "é ✓"]\n  }\n}',
      '{"data":{"speed":[{"numeric":[">=",300.0]}]}}',
    ];
    const s = withMapping(preset('filtering-iot-esm.json'), { FilterCriteria: { Filters: patterns.map((Pattern) => ({ Pattern })) } });
    const hcl = terraformFor(s);
    expect(braceDepthsBalance(hcl)).toBe(true);
    expect(hclPatterns(hcl)).toEqual(patterns);
    for (const p of patterns) expect(occurrences(hcl, hclString(p))).toBe(1);
    expect(hcl).toContain('300.0'); // the written form of numbers survives
  });

  it('escapes strings as HCL reads them', () => {
    expect(hclString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(hclString('${x}%{y}')).toBe('"$${x}%%{y}"');
    expect(hclString('line\nnext\u0001')).toBe('"line\\nnext\\u0001"');
    expect(readHclString(hclString('$$${x} %%{'), 0).value).toBe('$$${x} %%{');
  });

  it('keeps a hostile scenario name inside its comment line', () => {
    const s = { ...preset('kinesis-4-shards.json'), name: 'evil\nresource "x" "y" {}\r\n# ok' };
    const hcl = terraformFor(s);
    const lines = hcl.split('\n');
    const first = lines.findIndex((l) => !l.startsWith('#'));
    expect(lines[first]).toBe('resource "aws_lambda_event_source_mapping" "this" {');
    expect(lines.filter((l) => l.startsWith('resource '))).toHaveLength(1);
    expect(hcl).toContain('# Event source mapping of the scenario "evil resource "x" "y" {} # ok"');
    expect(braceDepthsBalance(hcl)).toBe(true);
  });
});

/**
 * Block YAML indentation: spaces only, even, and each line at most one level deeper than the
 * content of the line before (a `- ` item's content sits two columns after its dash).
 */
function indentationProblems(yaml: string): string[] {
  const problems: string[] = [];
  let previousContent = 0;
  let previousOpens = false;
  yaml.split('\n').forEach((line, n) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    if (line.includes('\t')) problems.push(`line ${n + 1}: tab`);
    const indent = line.length - line.trimStart().length;
    if (indent % 2 !== 0) problems.push(`line ${n + 1}: odd indent ${indent}`);
    if (indent > previousContent + (previousOpens ? 2 : 0)) problems.push(`line ${n + 1}: indent jumps to ${indent}`);
    if (previousOpens && indent <= previousContent - 2) problems.push(`line ${n + 1}: an opened block is empty`);
    const dash = line.trimStart().startsWith('- ');
    previousContent = indent + (dash ? 2 : 0);
    previousOpens = line.endsWith(':');
  });
  return problems;
}

/** The value of `key: 'single-quoted'` on some line, unquoted. */
function singleQuotedValues(yaml: string, key: string): string[] {
  return [...yaml.matchAll(new RegExp(`${key}: '((?:[^']|'')*)'$`, 'gm'))].map((m) => m[1]!.replace(/''/g, "'"));
}

describe('samTemplateFor', () => {
  for (const file of mappingPresets) {
    it(`${file}: a SAM template with the function's settings and the mapping's properties`, () => {
      const s = preset(file);
      const esm = s.eventSourceMapping;
      const kafka = s.source.type === 'kafka';
      const yaml = samTemplateFor(s);

      expect(indentationProblems(yaml)).toEqual([]);
      expect(yaml).toContain('Transform: AWS::Serverless-2016-10-31\n');
      expect(yaml).toContain('    Type: AWS::Serverless::Function\n');
      expect(yaml).toContain('    Type: AWS::Lambda::EventSourceMapping\n');
      expect(yaml).toContain('      FunctionName: !Ref Function\n');
      for (const [key, placeholder] of Object.entries(CODE_PLACEHOLDERS)) expect(yaml).toContain(`      ${key}: ${placeholder}\n`);
      expect(yaml).toContain(`      MemorySize: ${s.function.MemorySize}\n`);
      expect(yaml).toContain(`      Timeout: ${s.function.Timeout}\n`);
      expect(yaml).toContain(`      Architectures:\n        - ${s.function.Architectures[0]}\n`);
      const reserved = s.function.ReservedConcurrentExecutions;
      expect(yaml.includes('ReservedConcurrentExecutions')).toBe(reserved !== null);
      if (reserved !== null) expect(yaml).toContain(`      ReservedConcurrentExecutions: ${reserved}\n`);

      expect(yaml).toContain(kafka ? PLACEHOLDERS.mskClusterArn : 'arn:aws:kinesis:REGION:ACCOUNT_ID:stream/STREAM_NAME');
      expect(yaml).toContain(kafka ? '        - AWSLambdaMSKExecutionRole\n' : '        - AWSLambdaKinesisExecutionRole\n');
      expect(yaml.includes('Topics:\n        - TOPIC_NAME\n')).toBe(kafka);
      expect(yaml).toContain(`      StartingPosition: ${esm.StartingPosition}\n`);
      expect(yaml.includes('ParallelizationFactor')).toBe(!kafka && esm.ParallelizationFactor !== 1);
      if (!kafka && esm.ParallelizationFactor !== 1) expect(yaml).toContain(`      ParallelizationFactor: ${esm.ParallelizationFactor}\n`);
      expect(yaml.includes('MinimumPollers')).toBe(kafka && esm.ProvisionedPollerConfig !== undefined);
      if (esm.ProvisionedPollerConfig) {
        expect(yaml).toContain(
          `      ProvisionedPollerConfig:\n        MinimumPollers: ${esm.ProvisionedPollerConfig.MinimumPollers}\n        MaximumPollers: ${esm.ProvisionedPollerConfig.MaximumPollers}\n`,
        );
      }
      if (esm.BatchSize !== 100) expect(yaml).toContain(`      BatchSize: ${esm.BatchSize}\n`);
      else expect(yaml).not.toContain('BatchSize');
      if (esm.DestinationConfig) {
        expect(yaml).toContain(`      DestinationConfig:\n        OnFailure:\n          Destination: ${esm.DestinationConfig.OnFailure.Destination}\n`);
      }
      const patterns = esm.FilterCriteria?.Filters.map((f) => f.Pattern) ?? [];
      expect(singleQuotedValues(yaml, '- Pattern')).toEqual(patterns);
    });
  }

  it('grants the function what its destination needs, on that destination only', () => {
    const base = preset('failures-poison-pill-handled.json');
    const sqs = samTemplateFor(base);
    expect(sqs).toContain('Action: sqs:SendMessage\n              Resource: arn:aws:sqs:us-east-1:123456789012:telemetry-failures\n');

    const bucket = 'arn:aws:s3:::failed-batches';
    const s3 = samTemplateFor(withMapping(base, { DestinationConfig: { OnFailure: { Destination: bucket } } }));
    expect(s3).toContain(`Action: s3:ListBucket\n              Resource: ${bucket}\n`);
    expect(s3).toContain(`Action: s3:PutObject\n              Resource: '${bucket}/*'\n`);
    expect(indentationProblems(s3)).toEqual([]);

    const none = samTemplateFor(preset('kinesis-4-shards.json'));
    expect(none).not.toContain('Statement');
  });

  it("writes an arm64 function and a pattern that needs double quotes", () => {
    const base = preset('filtering-iot-esm.json');
    const pattern = "{\n  \"data\": {\"fleet_id\": [\"it's\"]}\n}";
    const s = { ...withMapping(base, { FilterCriteria: { Filters: [{ Pattern: pattern }] } }), function: { ...base.function, Architectures: ['arm64'] as ['arm64'] } };
    const yaml = samTemplateFor(s);
    expect(yaml).toContain('      Architectures:\n        - arm64\n');
    const line = yaml.split('\n').find((l) => l.includes('- Pattern: '))!;
    expect(JSON.parse(line.slice(line.indexOf('"')))).toBe(pattern);
    expect(indentationProblems(yaml)).toEqual([]);
  });

  it('quotes YAML scalars that would otherwise read as something else', () => {
    expect(yamlString('LATEST')).toBe('LATEST');
    expect(yamlString('arn:aws:sqs:us-east-1:123456789012:q')).toBe('arn:aws:sqs:us-east-1:123456789012:q');
    expect(yamlString('yes')).toBe("'yes'");
    expect(yamlString('Off')).toBe("'Off'");
    expect(yamlString('2010-09-09')).toBe("'2010-09-09'");
    expect(yamlString('a: b # c')).toBe("'a: b # c'");
    expect(yamlString("it's")).toBe("'it''s'");
    expect(yamlString('- x')).toBe("'- x'");
    expect(yamlString('')).toBe("''");
    expect(yamlString('two\nlines')).toBe('"two\\nlines"');
    expect(yamlString('c1\u0085')).toBe('"c1\\u0085"');
  });

  it('keeps a hostile scenario name out of the template structure', () => {
    const s = { ...preset('kinesis-4-shards.json'), name: "x\nResources: {}\n'" };
    const yaml = samTemplateFor(s);
    expect(occurrences(yaml, '\nResources:')).toBe(1);
    expect(indentationProblems(yaml)).toEqual([]);
  });
});

/** RFC 4180, strictly: records end in CRLF, quoted fields may hold anything with "" for ". */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
  if (row.length > 0) throw new Error('last record lacks its CRLF');
  return rows;
}

describe('metricsCsv', () => {
  const result = simulate(kinesisScenario({ durationSeconds: 120, metrics: { periodSeconds: 10 } }));
  const lambda = result.metrics['AWS/Lambda']!;

  it('writes one row per period with the chosen statistic of each metric', () => {
    const text = metricsCsv(result, { namespace: 'AWS/Lambda', metrics: ['Invocations', 'Duration'], statistic: 'Sum' });
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['t', 'Invocations Sum', 'Duration Sum']);
    expect(rows).toHaveLength(1 + lambda['Invocations']!.length);
    lambda['Invocations']!.forEach((p, i) => {
      expect(Number(rows[i + 1]![0])).toBe(p.t);
      expect(Number(rows[i + 1]![1])).toBe(p.Sum);
      expect(Number(rows[i + 1]![2])).toBe(lambda['Duration']![i]!.Sum);
    });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(rows.slice(1).some((r) => Number(r[1]) > 0)).toBe(true);
  });

  it('leaves a statistic the metric lacks empty instead of inventing a zero', () => {
    const rows = parseCsv(metricsCsv(result, { namespace: 'AWS/Lambda', metrics: ['Duration', 'Invocations'], statistic: 'p99' }));
    const durations = lambda['Duration']!;
    rows.slice(1).forEach((r, i) => {
      const p99 = durations[i]!.p99;
      expect(r[1]).toBe(p99 === null || p99 === undefined ? '' : String(p99));
      expect(r[2]).toBe('');
    });
    expect(rows.slice(1).some((r) => r[1] !== '')).toBe(true);
  });

  it('names a metric the result does not have', () => {
    expect(() => metricsCsv(result, { namespace: 'AWS/Lambda', metrics: ['Invocation'], statistic: 'Sum' })).toThrow(/Invocation"/);
    expect(() => metricsCsv(result, { namespace: 'AWS/Kafka', metrics: ['OffsetLag'], statistic: 'Maximum' })).toThrow(/AWS\/Kafka/);
  });
});

describe('summaryCsv and fields', () => {
  it('round-trips a field holding a comma, a quote and line breaks through an RFC 4180 reader', () => {
    const awkward = 'BatchSize 100, "hot" key\nsecond line\r\nthird';
    const text = summaryCsv([{ label: awkward, invocations: 1234567.5 }]);
    expect(parseCsv(text)).toEqual([
      ['label', 'invocations'],
      [awkward, '1234567.5'],
    ]);
  });

  it('writes numbers plainly, whatever the locale', () => {
    expect(csvField(1234567.5)).toBe('1234567.5');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(1e21)).toBe('1e+21');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('disarms text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+cmd')).toBe("'+1+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('+1.5e3')).toBe('+1.5e3');
    expect(csvField(-5)).toBe('-5');
    expect(csvField('plain = text')).toBe('plain = text');
    const rows = parseCsv(summaryCsv([{ '=cmd': '=1,2' }]));
    expect(rows).toEqual([["'=cmd"], ["'=1,2"]]);
  });

  it('takes columns from the rows in first-seen order, or as given', () => {
    const trials = [
      { trial: 1, BatchSize: 100, note: null },
      { trial: 2, ParallelizationFactor: 4 },
    ];
    expect(parseCsv(summaryCsv(trials))).toEqual([
      ['trial', 'BatchSize', 'note', 'ParallelizationFactor'],
      ['1', '100', '', ''],
      ['2', '', '', '4'],
    ]);
    expect(parseCsv(summaryCsv(trials, ['ParallelizationFactor', 'trial']))).toEqual([
      ['ParallelizationFactor', 'trial'],
      ['', '1'],
      ['4', '2'],
    ]);
    expect(summaryCsv([])).toBe('');
  });
});
