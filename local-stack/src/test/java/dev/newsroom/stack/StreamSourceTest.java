package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsroom.testkit.CloudFormationTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream event sources the local mapping reads from a template, and Lambda's defaults for what it leaves out. */
class StreamSourceTest {

    @TempDir
    Path dir;

    private List<StreamSource> sourcesOf(String mappingProperties) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  Reader:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler::handleRequest
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Things.StreamArn
                """ + mappingProperties.indent(12) + """
                        Upload:
                          Type: S3
                          Properties:
                            Bucket: !Ref Uploads
                """);
        return StreamSource.fromTemplate(CloudFormationTemplate.read(template));
    }

    @Test
    void readsEverySettingTheMappingHonours() throws IOException {
        List<StreamSource> sources = sourcesOf("""
                StartingPosition: LATEST
                BatchSize: 1000
                MaximumBatchingWindowInSeconds: 1
                ParallelizationFactor: 1
                MaximumRetryAttempts: 5
                FunctionResponseTypes: [ReportBatchItemFailures]
                """);
        assertEquals(List.of(new StreamSource("Reader", "Changes", "Things", "LATEST", 1000, Duration.ofSeconds(1), 1, 5, true)),
                sources);
    }

    @Test
    void aSettingLeftOutHasLambdasDefault() throws IOException {
        List<StreamSource> sources = sourcesOf("StartingPosition: TRIM_HORIZON\n");
        assertEquals(List.of(new StreamSource("Reader", "Changes", "Things", "TRIM_HORIZON", 100, Duration.ZERO, 1, -1, false)),
                sources);
    }

    @Test
    void refusesParallelBatchesOfAShard() throws IOException {
        StreamSource source = sourcesOf("StartingPosition: TRIM_HORIZON\nParallelizationFactor: 2\n").get(0);
        var refused = assertThrows(IllegalStateException.class, source::requireOneBatchAtATimePerShard);
        assertTrue(refused.getMessage().startsWith("Reader's Changes: ParallelizationFactor 2 is not emulated"), refused::getMessage);
    }

    @Test
    void theRepositoryTemplatesMappingsAreOnesTheLocalMappingRuns() throws IOException {
        List<StreamSource> sources = StreamSource.fromTemplate(CloudFormationTemplate.ofRepository());
        assertEquals(List.of("RelateFunction", "CommentPagesFunction", "RedirectsFunction"), sources.stream().map(StreamSource::functionId).toList());
        sources.forEach(StreamSource::requireOneBatchAtATimePerShard);
    }
}
