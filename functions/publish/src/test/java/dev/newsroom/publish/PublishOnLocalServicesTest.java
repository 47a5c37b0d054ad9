package dev.newsroom.publish;

import dev.newsroom.local.AwsBackend;
import dev.newsroom.local.LocalAwsExtension;
import dev.newsroom.local.LocalAwsExtension.LocalStack;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The publish contract against DynamoDB Local and S3Proxy. */
@ExtendWith(LocalAwsExtension.class)
class PublishOnLocalServicesTest extends PublishContract {

    private final LocalStack stack;

    PublishOnLocalServicesTest(LocalStack stack) {
        this.stack = stack;
    }

    @Override
    AwsBackend backend() {
        return stack.aws();
    }

    @Override
    Map<String, String> names() {
        return stack.names();
    }
}
