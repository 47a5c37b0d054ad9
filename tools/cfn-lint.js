#!/usr/bin/env node
// Runs the cfn-lint JS port with the current CloudFormation resource specification from
// @aws-cdk/cfnspec: the port's bundled one predates resources the template uses (such as
// AWS::CloudFront::OriginAccessControl). Exit 1 on any template error.
'use strict';
const path = require('path');

const bundled = require.resolve('cfn-lint/data/aws_resources_specification.json');
const current = require('@aws-cdk/cfnspec/spec/specification.json');
require.cache[bundled] = { id: bundled, filename: bundled, loaded: true, exports: current };

// CloudFront key value stores (November 2023) postdate the last published @aws-cdk/cfnspec: the
// resource and a function's association with one, as CloudFormation's resource reference gives them.
current.ResourceTypes['AWS::CloudFront::KeyValueStore'] = {
  Attributes: { Arn: { PrimitiveType: 'String' }, Id: { PrimitiveType: 'String' }, Status: { PrimitiveType: 'String' } },
  Properties: {
    Name: { Required: true, PrimitiveType: 'String', UpdateType: 'Immutable' },
    Comment: { Required: false, PrimitiveType: 'String', UpdateType: 'Mutable' },
    ImportSource: { Required: false, Type: 'ImportSource', UpdateType: 'Mutable' },
  },
};
current.PropertyTypes['AWS::CloudFront::KeyValueStore.ImportSource'] = { Properties: {
  SourceArn: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' },
  SourceType: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' } } };
current.PropertyTypes['AWS::CloudFront::Function.FunctionConfig'].Properties.KeyValueStoreAssociations =
  { Required: false, Type: 'List', ItemType: 'KeyValueStoreAssociation', UpdateType: 'Mutable' };
current.PropertyTypes['AWS::CloudFront::Function.KeyValueStoreAssociation'] = { Properties: {
  KeyValueStoreARN: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' } } };

// The port's SAM specification is from 2018. Corrections, each to what the SAM specification says today:
const sam = require('cfn-lint/data/sam_20161031_cfn.json');
const samTypes = sam.PropertyTypes;
// Environment variables are a plain map of strings (its union-type spelling trips the port).
samTypes['AWS::Serverless::Function.FunctionEnvironment'].Properties.Variables =
  { Required: false, Type: 'Map', PrimitiveItemType: 'String', UpdateType: 'Mutable' };
// S3 event filters are { S3Key: { Rules: [ { Name, Value } ] } }, as in AWS::S3::Bucket.
samTypes['AWS::Serverless::Function.S3NotificationFilter'].Properties.S3Key =
  { Required: true, Type: 'S3KeyFilter', UpdateType: 'Mutable' };
samTypes['AWS::Serverless::Function.S3KeyFilter'] = { Properties: {
  Rules: { Required: true, Type: 'List', ItemType: 'FilterRule', UpdateType: 'Mutable' } } };
samTypes['AWS::Serverless::Function.FilterRule'] = { Properties: {
  Name: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' },
  Value: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' } } };

// HttpApi events (SAM 2019 and later) name their API with ApiId; the port checks them as Api events.
samTypes['AWS::Serverless::Function.ApiEvent'].Properties.ApiId =
  { Required: false, Type: ['ApiEvent#ApiId<String>', 'ApiEvent#ApiId<Json>'], UpdateType: 'Mutable' };
// ...and may name an authoriser, such as AWS_IAM.
samTypes['AWS::Serverless::Function.ApiEvent'].Properties.Auth =
  { Required: false, PrimitiveType: 'Json', UpdateType: 'Mutable' };

// SnapStart (SAM 2022 and later), on a function or in Globals.
require('cfn-lint/data/sam_20161031_globals.json').AllowedProperties.Function.push('SnapStart');
sam.ResourceTypes['AWS::Serverless::Function'].Properties.SnapStart =
  { Required: false, PrimitiveType: 'Json', UpdateType: 'Mutable' };

// DynamoDB stream events (SAM 2020 and later) take the event source mapping's error handling.
Object.assign(samTypes['AWS::Serverless::Function.DynamoDBEvent'].Properties, {
  MaximumBatchingWindowInSeconds: { Required: false, PrimitiveType: 'Integer', UpdateType: 'Mutable' },
  FunctionResponseTypes: { Required: false, Type: 'List', PrimitiveItemType: 'String', UpdateType: 'Mutable' },
  BisectBatchOnFunctionError: { Required: false, PrimitiveType: 'Boolean', UpdateType: 'Mutable' },
  MaximumRetryAttempts: { Required: false, PrimitiveType: 'Integer', UpdateType: 'Mutable' },
  MaximumRecordAgeInSeconds: { Required: false, PrimitiveType: 'Integer', UpdateType: 'Mutable' },
  DestinationConfig: { Required: false, PrimitiveType: 'Json', UpdateType: 'Mutable' },
});

// EventBridge Scheduler events (SAM 2022 and later): the port infers an event's kind from its
// properties, so the kind joins the candidates with the properties SAM documents.
samTypes['AWS::Serverless::Function.ScheduleV2Event'] = { Properties: {
  ScheduleExpression: { Required: true, PrimitiveType: 'String', UpdateType: 'Mutable' },
  Input: { Required: false, PrimitiveType: 'String', UpdateType: 'Mutable' },
  RetryPolicy: { Required: false, PrimitiveType: 'Json', UpdateType: 'Mutable' },
  DeadLetterConfig: { Required: false, PrimitiveType: 'Json', UpdateType: 'Mutable' },
} };
samTypes['AWS::Serverless::Function.EventSource'].Properties.Properties.Type.push('EventSource#Properties<ScheduleV2Event>');

// Template rules (2020 and later) postdate the port, which takes their functions for resources'
// properties: it checks a copy without the Rules section, whose assertions the contract tests pin.
const fs = require('fs');
const os = require('os');
const given = path.resolve(process.argv[2] || 'template.yaml');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-')), path.basename(given));
fs.writeFileSync(file, fs.readFileSync(given, 'utf8').replace(/^Rules:\n(?:[ #].*\n|\n)*/m, ''));

const { validateFile } = require('cfn-lint/lib/api');
const result = validateFile(file);
for (const kind of ['errors', 'warn', 'info']) {
  for (const [, entries] of Object.entries(result[kind] || {})) {
    for (const entry of entries) {
      console.log(`${kind === 'errors' ? 'error' : kind}: ${entry.resource}: ${entry.message}`);
    }
  }
}
console.log(result.templateValid ? `${given}: valid` : `${given}: INVALID`);
process.exit(result.templateValid ? 0 : 1);
