import { describe, expect, it } from 'vitest';
import { compileFilterCriteria, matches, matchesPayload, parseJsonText, type FilterSource } from '../../../engine/filter/index.ts';

/*
 * Every example pattern in the Lambda event-filtering pages and the EventBridge pattern pages they
 * build on, each run against a record that should and (where the page allows) one that should not
 * match. Patterns and values are the documented ones; events the pages do not show are ours.
 *
 * Pages (docs.aws.amazon.com):
 *   lambda/latest/dg/invocation-eventfiltering.html  (current; "2022" = the awsdocs GitHub snapshot)
 *   lambda/latest/dg/with-kinesis-filtering.html, kafka-filtering.html, with-ddb-filtering.html
 *   eventbridge/latest/userguide/eb-event-patterns.html, eb-event-patterns-null-values.html,
 *   eb-event-patterns-arrays.html, eb-event-patterns-content-based-filtering.html,
 *   eb-create-pattern-operators.html
 */

const LAMBDA = 'invocation-eventfiltering';
const LAMBDA_2022 = 'invocation-eventfiltering (2022)';
const KINESIS = 'with-kinesis-filtering';
const KAFKA = 'kafka-filtering';
const DDB = 'with-ddb-filtering';
const EB = 'eb-event-patterns';
const EB_NULL = 'eb-event-patterns-null-values';
const EB_ARRAYS = 'eb-event-patterns-arrays';
const EB_CONTENT = 'eb-event-patterns-content-based-filtering';
const EB_OPERATORS = 'eb-create-pattern-operators';

interface DocCase {
  doc: string;
  description: string;
  /** A pattern object, or JSON text where the spelling of numbers or repeated keys matters. */
  pattern: unknown;
  /** The record as the filter sees it… */
  event?: unknown;
  /** …or as JSON text, read keeping number spellings… */
  eventText?: string;
  /** …or as a raw payload for a source, with its metadata. */
  payload?: string;
  metadata?: Record<string, unknown>;
  source?: FilterSource;
  expected: boolean | 'rejected';
}

// ---- Records from the pages ----------------------------------------------------------------

const ec2Terminated = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const autoscalingLaunch = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

const macieAlert = {
  version: '0',
  id: '3e355723-fca9-4de3-9fd7-154c289d6b59',
  'detail-type': 'Macie Alert',
  source: 'aws.macie',
  account: '123456789012',
  time: '2017-04-24T22:28:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id', 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id'],
  detail: {
    'notification-type': 'ALERT_CREATED',
    name: 'Scanning bucket policies',
    tags: ['Custom_Alert', 'Insider'],
    'risk-score': 80,
    trigger: { 'rule-arn': 'arn:aws:macie:us-east-1:123456789012:trigger/trigger_id', 'alert-type': 'basic', 'created-at': '2017-01-02 19:54:00.644000', risk: 8 },
    'created-at': '2017-04-18T00:21:12.059000',
  },
};

const ec2Pending = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};

const withCountObject = {
  'detail-type': ['EC2 Instance State-change Notification'],
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
  detail: { 'c-count': { c1: 100 } },
};

const withStatesNoCount = {
  'detail-type': ['EC2 Instance State-change Notification'],
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
  detail: { state: ['initializing', 'running'] },
};

// The content-filtering pages show patterns only; this record is the sample event of aws/event-ruler,
// the engine behind EventBridge, whose README pairs it with the same patterns.
const ec2Running = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};

const person = { person: { name: 'John Doe', age: 30, address: { street: '123 Main St', city: 'Anytown', country: 'USA' } } };

const ddbRecord = {
  eventID: '1',
  eventVersion: '1.0',
  dynamodb: {
    ApproximateCreationDateTime: '1678831218.0',
    Keys: { CustomerName: { S: 'AnyCompany Industries' } },
    NewImage: { AccountManager: { S: 'Pat Candella' }, PaymentTerms: { S: '60 days' }, CustomerName: { S: 'AnyCompany Industries' } },
    SequenceNumber: '111',
    SizeBytes: 26,
    StreamViewType: 'NEW_IMAGE',
  },
};

const ddbOrganizations = {
  dynamodb: {
    NewImage: { UserID: { S: '12345' }, Name: { S: 'John Doe' }, Organizations: { L: [{ S: 'Sales' }, { S: 'Marketing' }, { S: 'Support' }] } },
  },
};

const kinesisOrder = { record: 12345, order: { type: 'buy', stock: 'ANYCO', quantity: 1000 } };
// with-kinesis-filtering's sample record carries this Base64 data.
const kinesisSampleData = atob('eyJSZWNvcmROdW1iZXIiOiAiMDAwMSIsICJUaW1lU3RhbXAiOiAieXl5eS1tbS1kZFRoaDptbTpzcyIsICJSZXF1ZXN0Q29kZSI6ICJBQUFBIn0=');
const kinesisMetadata = { kinesisSchemaVersion: '1.0', partitionKey: '1', sequenceNumber: '49590338271490256608559692538361571095921575989136588898', approximateArrivalTimestamp: 1545084650.987 };

const kafkaDevice = { device_ID: 'AB1234', session: { start_time: 'yyyy-mm-ddThh:mm:ss', duration: 162 } };
// kafka-filtering's sample record carries this Base64 value, a plain string.
const kafkaSampleValue = atob('SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==');
const kafkaMetadata = { topic: 'mytopic', partition: 0, offset: 15, timestamp: 1545084650987, timestampType: 'CREATE_TIME', headers: [] };

const sqsBody = '{\n "City": "Seattle",\n "State": "WA",\n "Temperature": "46"\n}';
const sqsMetadata = {
  messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
  messageAttributes: {},
  md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:my-queue',
  awsRegion: 'us-east-2',
};

// ---- The cases -----------------------------------------------------------------------------

const cases: DocCase[] = [
  // Lambda's comparison-operator table, one documented rule per row.
  { doc: LAMBDA, description: 'Null matches a null value', pattern: { UserID: [null] }, event: { UserID: null }, expected: true },
  { doc: LAMBDA, description: 'Null does not match an empty string', pattern: { UserID: [null] }, event: { UserID: '' }, expected: false },
  { doc: LAMBDA, description: 'Null does not match the string "null"', pattern: { UserID: [null] }, event: { UserID: 'null' }, expected: false },
  { doc: LAMBDA, description: 'Null does not match a missing field', pattern: { UserID: [null] }, event: { Name: 'Alice' }, expected: false },
  { doc: LAMBDA, description: 'Empty matches an empty string', pattern: { LastName: [''] }, event: { LastName: '' }, expected: true },
  { doc: LAMBDA, description: 'Empty does not match a blank', pattern: { LastName: [''] }, event: { LastName: ' ' }, expected: false },
  { doc: LAMBDA, description: 'Empty does not match a missing field', pattern: { LastName: [''] }, event: {}, expected: false },
  { doc: LAMBDA, description: 'Equals matches the exact string', pattern: { Name: ['Alice'] }, event: { Name: 'Alice' }, expected: true },
  { doc: LAMBDA, description: 'Equals is case-sensitive', pattern: { Name: ['Alice'] }, event: { Name: 'alice' }, expected: false },
  { doc: LAMBDA, description: 'Equals does no normalisation (trailing space)', pattern: { Name: ['Alice'] }, event: { Name: 'Alice ' }, expected: false },
  { doc: LAMBDA, description: 'Equals (ignore case) matches another casing', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'ALICE' }, expected: true },
  { doc: LAMBDA, description: 'Equals (ignore case) matches "Alice"', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'Alice' }, expected: true },
  { doc: LAMBDA, description: 'Equals (ignore case) still needs the same letters', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'Alicia' }, expected: false },
  { doc: LAMBDA, description: 'And matches when both fields match', pattern: { Location: ['New York'], Day: ['Monday'] }, event: { Location: 'New York', Day: 'Monday' }, expected: true },
  { doc: LAMBDA, description: 'And fails when one field differs', pattern: { Location: ['New York'], Day: ['Monday'] }, event: { Location: 'New York', Day: 'Tuesday' }, expected: false },
  { doc: LAMBDA, description: 'And fails when one field is missing', pattern: { Location: ['New York'], Day: ['Monday'] }, event: { Location: 'New York' }, expected: false },
  { doc: LAMBDA, description: 'Or (one field) matches either value', pattern: { PaymentType: ['Credit', 'Debit'] }, event: { PaymentType: 'Debit' }, expected: true },
  { doc: LAMBDA, description: 'Or (one field) fails for another value', pattern: { PaymentType: ['Credit', 'Debit'] }, event: { PaymentType: 'Cash' }, expected: false },
  { doc: LAMBDA, description: 'Or (multiple fields) matches on the first branch', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Location: 'New York', Day: 'Sunday' }, expected: true },
  { doc: LAMBDA, description: 'Or (multiple fields) matches on the second branch', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Location: 'Boston', Day: 'Monday' }, expected: true },
  { doc: LAMBDA, description: 'Or (multiple fields) fails when no branch holds', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Location: 'Boston', Day: 'Sunday' }, expected: false },
  { doc: LAMBDA, description: 'Or (multiple fields) fails when both fields are missing', pattern: { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, event: { Weather: 'Sunny' }, expected: false },
  { doc: LAMBDA, description: 'Not (anything-but) matches another value', pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, event: { Weather: 'Sunny' }, expected: true },
  { doc: LAMBDA, description: 'Not (anything-but) fails on the excluded value', pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, event: { Weather: 'Raining' }, expected: false },
  { doc: LAMBDA, description: 'Not (anything-but) fails on a missing field', pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, event: { Day: 'Monday' }, expected: false },
  { doc: LAMBDA, description: 'Not (anything-but) matches a null value (present, and not "Raining")', pattern: { Weather: [{ 'anything-but': ['Raining'] }] }, event: { Weather: null }, expected: true },
  { doc: LAMBDA, description: 'Numeric (equals) matches 100', pattern: { Price: [{ numeric: ['=', 100] }] }, event: { Price: 100 }, expected: true },
  { doc: LAMBDA, description: 'Numeric (equals) compares numerically: 100.0 is 100', pattern: { Price: [{ numeric: ['=', 100] }] }, eventText: '{ "Price": 100.0 }', expected: true },
  { doc: LAMBDA, description: 'Numeric (equals) compares numerically: 1e2 is 100', pattern: { Price: [{ numeric: ['=', 100] }] }, eventText: '{ "Price": 1e2 }', expected: true },
  { doc: LAMBDA, description: 'Numeric (equals) fails on 101', pattern: { Price: [{ numeric: ['=', 100] }] }, event: { Price: 101 }, expected: false },
  { doc: LAMBDA, description: 'Numeric (equals) ignores the string "100"', pattern: { Price: [{ numeric: ['=', 100] }] }, event: { Price: '100' }, expected: false },
  { doc: LAMBDA, description: 'Numeric (range) includes its closed top, 20', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 20 }, expected: true },
  { doc: LAMBDA, description: 'Numeric (range) includes 10.5', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 10.5 }, expected: true },
  { doc: LAMBDA, description: 'Numeric (range) excludes its open bottom, 10', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 10 }, expected: false },
  { doc: LAMBDA, description: 'Numeric (range) excludes 20.5', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: 20.5 }, expected: false },
  { doc: LAMBDA, description: 'Numeric (range) ignores the string "15"', pattern: { Price: [{ numeric: ['>', 10, '<=', 20] }] }, event: { Price: '15' }, expected: false },
  { doc: LAMBDA, description: 'Exists matches a present value', pattern: { ProductName: [{ exists: true }] }, event: { ProductName: 'Widget' }, expected: true },
  { doc: LAMBDA, description: 'Exists matches an empty string', pattern: { ProductName: [{ exists: true }] }, event: { ProductName: '' }, expected: true },
  { doc: LAMBDA, description: 'Exists matches a null value (the value is not considered)', pattern: { ProductName: [{ exists: true }] }, event: { ProductName: null }, expected: true },
  { doc: LAMBDA, description: 'Exists fails on a missing field', pattern: { ProductName: [{ exists: true }] }, event: { Price: 1 }, expected: false },
  { doc: LAMBDA, description: 'Does not exist matches a missing field', pattern: { ProductName: [{ exists: false }] }, event: { Price: 1 }, expected: true },
  { doc: LAMBDA, description: 'Does not exist fails on a present field', pattern: { ProductName: [{ exists: false }] }, event: { ProductName: 'Widget' }, expected: false },
  { doc: LAMBDA, description: 'Does not exist fails on a null field (it is present)', pattern: { ProductName: [{ exists: false }] }, event: { ProductName: null }, expected: false },
  { doc: LAMBDA, description: 'Begins with matches a US region', pattern: { Region: [{ prefix: 'us-' }] }, event: { Region: 'us-east-1' }, expected: true },
  { doc: LAMBDA, description: 'Begins with fails on an EU region', pattern: { Region: [{ prefix: 'us-' }] }, event: { Region: 'eu-west-1' }, expected: false },
  { doc: LAMBDA, description: 'Begins with is case-sensitive', pattern: { Region: [{ prefix: 'us-' }] }, event: { Region: 'US-EAST-1' }, expected: false },
  { doc: LAMBDA, description: 'Ends with matches a .png file', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'photo.png' }, expected: true },
  { doc: LAMBDA, description: 'Ends with is case-sensitive', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'photo.PNG' }, expected: false },
  { doc: LAMBDA, description: 'Ends with fails when .png is not at the end', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'photo.png.txt' }, expected: false },

  // "For numbers, Lambda also uses string representation. For example, 300, 300.0, and 3.0e2 are not considered equal."
  { doc: LAMBDA, description: '300 equals 300', pattern: '{ "Price": [ 300 ] }', eventText: '{ "Price": 300 }', expected: true },
  { doc: LAMBDA, description: '300 does not equal 300.0', pattern: '{ "Price": [ 300 ] }', eventText: '{ "Price": 300.0 }', expected: false },
  { doc: LAMBDA, description: '300 does not equal 3.0e2', pattern: '{ "Price": [ 300 ] }', eventText: '{ "Price": 3.0e2 }', expected: false },
  { doc: LAMBDA, description: '300.0 equals 300.0 written the same way', pattern: '{ "Price": [ 300.0 ] }', eventText: '{ "Price": 300.0 }', expected: true },
  { doc: LAMBDA, description: '300.0 does not equal 300', pattern: '{ "Price": [ 300.0 ] }', eventText: '{ "Price": 300 }', expected: false },
  { doc: LAMBDA, description: 'numeric "=" 300, unlike equals, matches 3.0e2', pattern: '{ "Price": [ { "numeric": [ "=", 300 ] } ] }', eventText: '{ "Price": 3.0e2 }', expected: true },

  // "The Exists operator only works on leaf nodes … { "person": { "address": [ { "exists": true } ] } } wouldn't find a match."
  { doc: LAMBDA, description: 'Exists does not match an intermediate node', pattern: { person: { address: [{ exists: true }] } }, event: person, expected: false },
  { doc: LAMBDA, description: 'Exists matches a leaf under that node', pattern: { person: { address: { city: [{ exists: true }] } } }, event: person, expected: true },

  // Console, CLI, SAM and KMS examples.
  { doc: LAMBDA, description: 'console example { "Metadata": [1, 2] } matches 1', pattern: { Metadata: [1, 2] }, event: { Metadata: 1 }, expected: true },
  { doc: LAMBDA, description: 'console example { "Metadata": [1, 2] } matches 2', pattern: '{ "Metadata" : [ 1, 2 ] }', event: { Metadata: 2 }, expected: true },
  { doc: LAMBDA, description: 'console example { "Metadata": [1, 2] } fails on 3', pattern: { Metadata: [1, 2] }, event: { Metadata: 3 }, expected: false },
  { doc: LAMBDA, description: 'KMS example { "a": ["1", "2"] } matches the string "1"', pattern: { Filters: [{ Pattern: '{"a": ["1", "2"]}' }] }, event: { a: '1' }, expected: true },
  { doc: LAMBDA, description: 'KMS example { "a": ["1", "2"] } does not match the number 1', pattern: { Filters: [{ Pattern: '{"a": ["1", "2"]}' }] }, event: { a: 1 }, expected: false },

  // Multi-level filtering on a DynamoDB stream record.
  { doc: LAMBDA, description: 'multi-level: Keys.Number.N is "4567"', pattern: { dynamodb: { Keys: { Number: { N: ['4567'] } } } }, event: { dynamodb: { Keys: { ID: { S: 'ABCD' }, Number: { N: '4567' } } } }, expected: true },
  { doc: LAMBDA, description: 'multi-level: the sample record has Number.N "1234"', pattern: { dynamodb: { Keys: { Number: { N: ['4567'] } } } }, event: { dynamodb: { Keys: { ID: { S: 'ABCD' }, Number: { N: '1234' } } } }, expected: false },
  { doc: LAMBDA_2022, description: 'multi-level: Keys.Id.N is "101"', pattern: { dynamodb: { Keys: { Id: { N: ['101'] } } } }, event: { dynamodb: { Keys: { Id: { N: '101' } }, NewImage: { Message: { S: 'New item!' }, Id: { N: '101' } }, SequenceNumber: '111', SizeBytes: 26, StreamViewType: 'NEW_AND_OLD_IMAGES' } }, expected: true },

  // SQS record from the current page: metadata and a JSON body.
  { doc: LAMBDA, description: 'SQS: metadata and body fields of the sample record', pattern: { awsRegion: ['us-east-2'], body: { City: ['Seattle'], Temperature: ['46'] } }, payload: sqsBody, metadata: sqsMetadata, source: 'sqs', expected: true },
  { doc: LAMBDA, description: 'SQS: a body field that differs', pattern: { awsRegion: ['us-east-2'], body: { State: ['OR'] } }, payload: sqsBody, metadata: sqsMetadata, source: 'sqs', expected: false },

  // The 2022 page's Kinesis examples (metadata plus data).
  { doc: LAMBDA_2022, description: 'partitionKey "1" and data.Location "Los Angeles"', pattern: { Filters: [{ Pattern: '{ "partitionKey": [ "1" ], "data": { "Location": [ "Los Angeles" ] }}' }] }, event: { partitionKey: '1', data: { Location: 'Los Angeles' } }, expected: true },
  { doc: LAMBDA_2022, description: 'partitionKey "1" but another Location', pattern: { partitionKey: ['1'], data: { Location: ['Los Angeles'] } }, event: { partitionKey: '1', data: { Location: 'Seattle' } }, expected: false },
  { doc: LAMBDA_2022, description: 'partitionKey on a Kinesis mapping is rejected now ("only support filtering on the data key")', pattern: { partitionKey: ['1'], data: { Location: ['Los Angeles'] } }, source: 'kinesis', expected: 'rejected' },
  { doc: LAMBDA_2022, description: 'Temperature > 50 and <= 60 matches 60', pattern: { Filters: [{ Pattern: '{ "data": { "Temperature": [ {"numeric": [ ">", 50, "<=", 60 ] } ]}}' }] }, payload: '{"Temperature": 60}', source: 'kinesis', expected: true },
  { doc: LAMBDA_2022, description: 'Temperature > 50 and <= 60 fails on 50', pattern: { data: { Temperature: [{ numeric: ['>', 50, '<=', 60] }] } }, payload: '{"Temperature": 50}', source: 'kinesis', expected: false },
  { doc: LAMBDA_2022, description: 'the sample record\'s Temperature is the string "46", which numeric never matches', pattern: { data: { Temperature: [{ numeric: ['<', 50] }] } }, event: { partitionKey: '1', data: { City: 'Seattle', State: 'WA', Temperature: '46', Month: 'December' } }, expected: false },
  { doc: LAMBDA_2022, description: 'console example { "a": [1, 2] }', pattern: '{ "a" : [ 1, 2 ] }', event: { a: 2 }, expected: true },

  // with-kinesis-filtering.
  { doc: KINESIS, description: 'order.type "buy" matches a buy order', pattern: { Filters: [{ Pattern: '{ "data" : { "order" : { "type" : [ "buy" ] } } }' }] }, payload: JSON.stringify(kinesisOrder), metadata: kinesisMetadata, source: 'kinesis', expected: true },
  { doc: KINESIS, description: 'order.type "buy" fails on a sell order', pattern: { data: { order: { type: ['buy'] } } }, payload: JSON.stringify({ ...kinesisOrder, order: { ...kinesisOrder.order, type: 'sell' } }), source: 'kinesis', expected: false },
  { doc: KINESIS, description: 'the sample record\'s Base64 data decodes to JSON that can be filtered', pattern: { data: { RequestCode: ['AAAA'] } }, payload: kinesisSampleData, metadata: kinesisMetadata, source: 'kinesis', expected: true },
  { doc: KINESIS, description: 'non-JSON data with a JSON data pattern: Lambda drops the record', pattern: { data: { order: { type: ['buy'] } } }, payload: 'buy ANYCO 1000', source: 'kinesis', expected: false },
  { doc: KINESIS, description: 'non-JSON data is dropped even when the filter only asks for absence', pattern: { data: { order: [{ exists: false }] } }, payload: 'buy ANYCO 1000', source: 'kinesis', expected: false },
  { doc: KINESIS, description: 'a non-JSON (list) pattern for data is rejected when the mapping is created', pattern: { data: ['buy'] }, source: 'kinesis', expected: 'rejected' },

  // kafka-filtering.
  { doc: KAFKA, description: 'device_ID begins with "AB"', pattern: { Filters: [{ Pattern: '{ "value" : { "device_ID" : [ { "prefix": "AB" } ] } }' }] }, payload: JSON.stringify(kafkaDevice), metadata: kafkaMetadata, source: 'kafka', expected: true },
  { doc: KAFKA, description: 'device_ID "CD1234" does not begin with "AB"', pattern: { value: { device_ID: [{ prefix: 'AB' }] } }, payload: JSON.stringify({ ...kafkaDevice, device_ID: 'CD1234' }), source: 'kafka', expected: false },
  { doc: KAFKA, description: 'plain string value anything-but "error" keeps the sample message', pattern: { Filters: [{ Pattern: '{ "value" : [ { "anything-but": [ "error" ] } ] }' }] }, payload: kafkaSampleValue, metadata: kafkaMetadata, source: 'kafka', expected: true },
  { doc: KAFKA, description: 'plain string value anything-but "error" drops "error"', pattern: { value: [{ 'anything-but': ['error'] }] }, payload: 'error', source: 'kafka', expected: false },
  { doc: KAFKA, description: 'plain string message, JSON pattern: filters on the other (metadata) properties only', pattern: { value: { device_ID: [{ prefix: 'AB' }] } }, payload: kafkaSampleValue, source: 'kafka', expected: true },
  { doc: KAFKA, description: 'JSON message, plain string pattern: filters on the other (metadata) properties only', pattern: { value: [{ 'anything-but': ['error'] }] }, payload: JSON.stringify(kafkaDevice), source: 'kafka', expected: true },
  { doc: KAFKA, description: 'a metadata key on a Kafka mapping is rejected ("only support filtering on the value key")', pattern: { topic: ['mytopic'], value: [{ 'anything-but': ['error'] }] }, source: 'kafka', expected: 'rejected' },

  // SQS body formats (2022 page's table).
  { doc: LAMBDA_2022, description: 'SQS plain string body, plain string pattern: filtered', pattern: { body: ['test'] }, payload: 'test', source: 'sqs', expected: true },
  { doc: LAMBDA_2022, description: 'SQS plain string body, JSON pattern: dropped', pattern: { body: { City: [{ exists: false }] } }, payload: 'test', source: 'sqs', expected: false },
  { doc: LAMBDA_2022, description: 'SQS JSON body, plain string pattern: dropped', pattern: { body: [{ 'anything-but': ['x'] }] }, payload: sqsBody, source: 'sqs', expected: false },
  { doc: LAMBDA_2022, description: 'SQS body with no body pattern: metadata only', pattern: { eventSource: ['aws:sqs'] }, payload: 'not json at all', metadata: sqsMetadata, source: 'sqs', expected: true },

  // with-ddb-filtering.
  { doc: DDB, description: 'Keys.CustomerName.S is "AnyCompany Industries"', pattern: { dynamodb: { Keys: { CustomerName: { S: ['AnyCompany Industries'] } } } }, event: ddbRecord, expected: true },
  { doc: DDB, description: 'NewImage.AccountManager.S is one of two names', pattern: { dynamodb: { NewImage: { AccountManager: { S: ['Pat Candella', 'Shirley Rodriguez'] } } } }, event: ddbRecord, expected: true },
  { doc: DDB, description: 'NewImage.AccountManager.S is neither name', pattern: { dynamodb: { NewImage: { AccountManager: { S: ['Shirley Rodriguez'] } } } }, event: ddbRecord, expected: false },
  {
    doc: DDB,
    description: 'the "Boolean AND" example repeats the dynamodb key; as EventBridge documents, the last one is used',
    pattern: '{ "dynamodb" : { "NewImage" : { "AccountManager" : { "S" : [ "Pat Candella" ] } } } , "dynamodb" : { "OldImage" : { "AccountManager" : { "S" : [ "Terry Whitlock" ] } } } }',
    event: { dynamodb: { NewImage: { AccountManager: { S: 'Someone Else' } }, OldImage: { AccountManager: { S: 'Terry Whitlock' } } } },
    expected: true,
  },
  { doc: DDB, description: 'Exists on the intermediate node Organizations never matches', pattern: { dynamodb: { NewImage: { Organizations: [{ exists: true }] } } }, event: ddbOrganizations, expected: false },
  { doc: DDB, description: 'Exists on the leaf Organizations.L.S matches (through the list)', pattern: { dynamodb: { NewImage: { Organizations: { L: { S: [{ exists: true }] } } } } }, event: ddbOrganizations, expected: true },

  // eb-event-patterns.
  { doc: EB, description: 'EC2 instance-termination events', pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, event: ec2Terminated, expected: true },
  { doc: EB, description: 'EC2 instance-termination pattern, running instance', pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, event: { ...ec2Terminated, detail: { ...ec2Terminated.detail, state: 'running' } }, expected: false },
  { doc: EB, description: 'match values: source is aws.ec2 or aws.fargate', pattern: { source: ['aws.ec2', 'aws.fargate'] }, event: ec2Terminated, expected: true },
  { doc: EB, description: 'match values: aws.s3 is neither', pattern: { source: ['aws.ec2', 'aws.fargate'] }, event: { source: 'aws.s3' }, expected: false },
  { doc: EB, description: 'field matching: responseElements is null', pattern: { source: ['aws.autoscaling'], 'detail-type': ['EC2 Instance Launch Successful'], detail: { responseElements: [null] } }, event: autoscalingLaunch, expected: true },
  { doc: EB, description: 'value matching: risk-score 80 and trigger.risk 8', pattern: { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [8] } } }, event: macieAlert, expected: true },
  { doc: EB, description: 'value matching: trigger.risk 9 fails', pattern: { source: ['aws.macie'], 'detail-type': ['Macie Alert'], detail: { 'risk-score': [80], trigger: { risk: [9] } } }, event: macieAlert, expected: false },
  { doc: EB, description: 'fields must have the same nesting: a top-level state does not satisfy detail.state', pattern: { detail: { state: ['terminated'] } }, event: { state: 'terminated' }, expected: false },

  // eb-event-patterns-null-values.
  { doc: EB_NULL, description: 'eventVersion is an empty string', pattern: { detail: { eventVersion: [''] } }, event: autoscalingLaunch, expected: true },
  { doc: EB_NULL, description: 'responseElements is null', pattern: { detail: { responseElements: [null] } }, event: autoscalingLaunch, expected: true },
  { doc: EB_NULL, description: 'null and empty string are not interchangeable ([""] vs null)', pattern: { detail: { responseElements: [''] } }, event: autoscalingLaunch, expected: false },
  { doc: EB_NULL, description: 'null and empty string are not interchangeable ([null] vs "")', pattern: { detail: { eventVersion: [null] } }, event: autoscalingLaunch, expected: false },

  // eb-event-patterns-arrays.
  {
    doc: EB_ARRAYS,
    description: 'an event array matches when it shares a value with the pattern list',
    pattern: { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    event: { resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    expected: true,
  },
  {
    doc: EB_ARRAYS,
    description: 'an event array with no value in common does not match',
    pattern: { resources: ['arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] },
    event: { resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    expected: false,
  },
  { doc: EB_ARRAYS, description: 'the Macie tags array contains "Insider"', pattern: { detail: { tags: ['Insider'] } }, event: macieAlert, expected: true },

  // eb-event-patterns-content-based-filtering.
  { doc: EB_CONTENT, description: 'prefix: time starts with 2017-10-02', pattern: { time: [{ prefix: '2017-10-02' }] }, event: { time: '2017-10-02T18:43:48Z' }, expected: true },
  { doc: EB_CONTENT, description: 'prefix: another day', pattern: { time: [{ prefix: '2017-10-02' }] }, event: { time: '2017-10-03T18:43:48Z' }, expected: false },
  { doc: EB_CONTENT, description: 'prefix only works on strings', pattern: { time: [{ prefix: '2017' }] }, event: { time: 2017 }, expected: false },
  { doc: EB_CONTENT, description: 'suffix: FileName ends with .png', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'diagram.png' }, expected: true },
  { doc: EB_CONTENT, description: 'suffix: a .jpg file', pattern: { FileName: [{ suffix: '.png' }] }, event: { FileName: 'diagram.jpg' }, expected: false },
  { doc: EB_CONTENT, description: 'anything-but a string: running is not initializing', pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } }, event: ec2Running, expected: true },
  { doc: EB_CONTENT, description: 'anything-but a string: initializing is excluded', pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } }, event: { detail: { state: 'initializing' } }, expected: false },
  { doc: EB_CONTENT, description: 'anything-but a number: 301.8 is not 123', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: ec2Running, expected: true },
  { doc: EB_CONTENT, description: 'anything-but a number: 123 is excluded', pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, event: { detail: { 'x-limit': 123 } }, expected: false },
  { doc: EB_CONTENT, description: 'anything-but a list of strings: running is neither', pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, event: ec2Running, expected: true },
  { doc: EB_CONTENT, description: 'anything-but a list of strings: overloaded is excluded', pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, event: { detail: { state: 'overloaded' } }, expected: false },
  { doc: EB_CONTENT, description: 'anything-but a list of numbers: 301.8 is none of them', pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, event: ec2Running, expected: true },
  { doc: EB_CONTENT, description: 'anything-but a list of numbers: 200 is excluded', pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, event: { detail: { 'x-limit': 200 } }, expected: false },
  { doc: EB_CONTENT, description: 'anything-but with prefix is EventBridge-only: rejected by Lambda', pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, expected: 'rejected' },
  { doc: EB_CONTENT, description: 'numeric: c-count, d-count and x-limit all hold', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, event: ec2Running, expected: true },
  { doc: EB_CONTENT, description: 'numeric: the written 3.018e2 equals 301.8', pattern: '{ "detail": { "x-limit": [ { "numeric": [ "=", 3.018e2 ] } ] } }', eventText: '{ "detail": { "x-limit": 301.8 } }', expected: true },
  { doc: EB_CONTENT, description: 'numeric: c-count 0 is not > 0', pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, event: { detail: { ...ec2Running.detail, 'c-count': 0 } }, expected: false },
  { doc: EB_CONTENT, description: 'IP address matching (cidr) is not a Lambda operator: rejected', pattern: { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, expected: 'rejected' },
  { doc: EB_CONTENT, description: 'exists true: detail.state is present', pattern: { detail: { state: [{ exists: true }] } }, event: ec2Pending, expected: true },
  { doc: EB_CONTENT, description: 'exists true: no detail.state field', pattern: { detail: { state: [{ exists: true }] } }, event: withCountObject, expected: false },
  { doc: EB_CONTENT, description: 'exists false: no detail.c-count field', pattern: { detail: { 'c-count': [{ exists: false }] } }, event: withStatesNoCount, expected: true },
  { doc: EB_CONTENT, description: 'exists false also matches when c-count is not a leaf node', pattern: { detail: { 'c-count': [{ exists: false }] } }, event: { ...withStatesNoCount, detail: { ...withStatesNoCount.detail, 'c-count': { c1: 100 } } }, expected: true },
  { doc: EB_CONTENT, description: 'exists false: c-count is a leaf', pattern: { detail: { 'c-count': [{ exists: false }] } }, event: ec2Running, expected: false },
  { doc: EB_CONTENT, description: 'exists true: detail.description is present (existence example)', pattern: { detail: { description: [{ exists: true }] } }, event: { detail: { description: 'full text' } }, expected: true },
  {
    doc: EB_CONTENT,
    description: 'complex example: prefix, anything-but and numeric together',
    pattern: { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    event: ec2Running,
    expected: true,
  },
  {
    doc: EB_CONTENT,
    description: 'complex example: x-limit 200 is excluded',
    pattern: { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    event: { ...ec2Running, detail: { ...ec2Running.detail, 'x-limit': 200 } },
    expected: false,
  },
  { doc: EB_CONTENT, description: 'a repeated key: only the last (anything-but "us-east") is used, so eu-west matches', pattern: '{ "detail": { "location": [ { "prefix": "us-" } ], "location": [ { "anything-but": "us-east" } ] } }', event: { detail: { location: 'eu-west' } }, expected: true },
  { doc: EB_CONTENT, description: 'a repeated key: us-east is excluded by the last rule', pattern: '{ "detail": { "location": [ { "prefix": "us-" } ], "location": [ { "anything-but": "us-east" } ] } }', event: { detail: { location: 'us-east' } }, expected: false },
  { doc: EB_CONTENT, description: 'content example: Auto Scaling events from European regions', pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, event: { ...autoscalingLaunch, region: 'eu-west-1' }, expected: true },
  { doc: EB_CONTENT, description: 'content example: not from an EU region', pattern: { source: ['aws.autoscaling'], region: [{ prefix: 'eu-' }] }, event: autoscalingLaunch, expected: false },
  { doc: EB_CONTENT, description: 'content example: everything but CloudTrail API calls', pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, event: ec2Terminated, expected: true },
  { doc: EB_CONTENT, description: 'content example: a CloudTrail API call is excluded', pattern: { 'detail-type': [{ 'anything-but': 'AWS API Call via CloudTrail' }] }, event: { 'detail-type': 'AWS API Call via CloudTrail' }, expected: false },
  { doc: EB_CONTENT, description: 'content example: all sources but EC2 and S3', pattern: { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] }, event: autoscalingLaunch, expected: true },
  { doc: EB_CONTENT, description: 'content example: EC2 is excluded', pattern: { source: [{ 'anything-but': ['aws.ec2', 'aws.s3'] }] }, event: ec2Terminated, expected: false },
  { doc: EB_CONTENT, description: 'content example: anything-but prefix "aws." is EventBridge-only: rejected', pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] }, expected: 'rejected' },

  // eb-create-pattern-operators: the forms EventBridge supports on event buses but Lambda's table does not list.
  { doc: EB_OPERATORS, description: 'Anything-but (begins with): rejected', pattern: { Region: [{ 'anything-but': { prefix: 'us-' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Anything-but (ends with): rejected', pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Anything-but (ignore case): rejected', pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Anything-but using a wildcard: rejected', pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Begins with (ignore case): rejected', pattern: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Ends with (ignore case): rejected', pattern: { service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Wildcard: rejected', pattern: { FilePath: [{ wildcard: 'dir/*.png' }] }, expected: 'rejected' },
  { doc: EB_OPERATORS, description: 'Equals (ignore case) "alice" matches "Alice"', pattern: { Name: [{ 'equals-ignore-case': 'alice' }] }, event: { Name: 'Alice' }, expected: true },
];

function decide(c: DocCase): boolean | 'rejected' {
  const compiled = compileFilterCriteria(c.pattern, { source: c.source });
  if (!compiled.ok) return 'rejected';
  if (c.payload !== undefined) return matchesPayload(compiled.filter, c.payload, c.metadata);
  if (c.eventText !== undefined) {
    const read = parseJsonText(c.eventText);
    if (!read.ok) throw new Error(`bad test event: ${read.message}`);
    return matches(compiled.filter, read.value);
  }
  return matches(compiled.filter, c.event);
}

describe('documented examples', () => {
  it.each(cases.map((c) => [`${c.doc}: ${c.description}`, c] as const))('%s', (_name, c) => {
    if (c.expected !== 'rejected') {
      const compiled = compileFilterCriteria(c.pattern, { source: c.source });
      expect(compiled.ok ? [] : compiled.problems.map((p) => p.message)).toEqual([]);
    }
    expect(decide(c)).toBe(c.expected);
  });

  it('covers every operator with a match and a non-match', () => {
    const operators = ['equals-ignore-case', 'anything-but', 'numeric', 'exists', 'prefix', 'suffix', '$or'];
    for (const op of operators) {
      const using = cases.filter((c) => c.expected !== 'rejected' && JSON.stringify(c.pattern).includes(`"${op}"`));
      expect(using.some((c) => c.expected === true), `${op} has a matching case`).toBe(true);
      expect(using.some((c) => c.expected === false), `${op} has a non-matching case`).toBe(true);
    }
  });
});
