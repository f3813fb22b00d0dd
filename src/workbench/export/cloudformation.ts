/**
 * The scenario as an AWS SAM template: the function with the scenario's memory, timeout,
 * reserved concurrency and architecture, and an AWS::Lambda::EventSourceMapping with
 * CloudFormation's property names. The stream or cluster is not defined here.
 */
import type { Scenario } from '../../../engine/index.ts';
import { commentText, mappingRequest, type MappingRequest } from './mapping.ts';
import { Tagged, yamlDocument, type YamlValue } from './yaml.ts';

export const CODE_PLACEHOLDERS = { CodeUri: 'CODE_URI', Handler: 'HANDLER', Runtime: 'RUNTIME' } as const;

export function samTemplateFor(scenario: Scenario): string {
  const request = mappingRequest(scenario);
  const fn = scenario.function;
  const functionProperties: Record<string, YamlValue> = {
    ...CODE_PLACEHOLDERS,
    MemorySize: fn.MemorySize,
    Timeout: fn.Timeout,
    ...(fn.ReservedConcurrentExecutions === null ? {} : { ReservedConcurrentExecutions: fn.ReservedConcurrentExecutions }),
    Architectures: [...fn.Architectures],
    Policies: policies(scenario, request),
  };
  // The template defines the function, so the mapping refers to it instead of a placeholder.
  const mappingProperties: Record<string, YamlValue> = { ...stripUndefined(request), FunctionName: new Tagged('!Ref', 'Function') };

  const header = [
    `# Function and event source mapping of the scenario "${commentText(scenario.name)}", exported by the Serverless Streaming Lab.`,
    '# Replace the UPPER_CASE placeholders (code, handler, runtime and the source ARN). The stream',
    '# or cluster is not defined here.',
  ];
  if (scenario.source.type === 'kinesis' && scenario.source.consumer === 'efo') {
    header.push('# The source is an enhanced fan-out consumer: register it (AWS::Kinesis::StreamConsumer) first.');
  }
  if (request.DestinationConfig?.OnFailure.Destination.startsWith('kafka://')) {
    header.push("# A Kafka topic destination also needs kafka-cluster:WriteData on that topic in the function's policies.");
  }

  const template = yamlDocument({
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Description: `Scenario ${scenario.name}: function and event source mapping`,
    Resources: {
      Function: { Type: 'AWS::Serverless::Function', Properties: functionProperties },
      EventSourceMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: mappingProperties },
    },
  });
  return `${header.join('\n')}\n${template}`;
}

/**
 * What the function's role needs for the mapping to be created and to work: the AWS managed
 * policy for reading the source, and permission to write to an on-failure destination
 * (Lambda's documented actions per destination type).
 */
function policies(scenario: Scenario, request: MappingRequest): YamlValue[] {
  const list: YamlValue[] = [scenario.source.type === 'kafka' ? 'AWSLambdaMSKExecutionRole' : 'AWSLambdaKinesisExecutionRole'];
  const destination = request.DestinationConfig?.OnFailure.Destination;
  const service = destination?.match(/^arn:[^:]+:(sqs|sns|s3):/)?.[1];
  if (!destination || !service) return list;
  const statements: YamlValue[] =
    service === 's3'
      ? [allow('s3:ListBucket', destination), allow('s3:PutObject', `${destination}/*`)]
      : [allow(service === 'sqs' ? 'sqs:SendMessage' : 'sns:Publish', destination)];
  list.push({ Version: '2012-10-17', Statement: statements });
  return list;
}

function allow(action: string, resource: string): YamlValue {
  return { Effect: 'Allow', Action: action, Resource: resource };
}

/** The request as YAML values; its optional fields are absent, never undefined, but the types cannot say so. */
function stripUndefined(request: MappingRequest): Record<string, YamlValue> {
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as Record<string, YamlValue>;
}
