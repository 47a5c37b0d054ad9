package dev.newsroom.publish;

import dev.newsroom.testkit.AwsBackend;
import dev.newsroom.testkit.LocalServicesExtension;
import dev.newsroom.testkit.LocalServicesExtension.Provisioned;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The publish contract against DynamoDB Local and S3Proxy. */
@ExtendWith(LocalServicesExtension.class)
class PublishOnLocalServicesIT extends PublishContract {

    private final Provisioned local;

    PublishOnLocalServicesIT(Provisioned local) {
        this.local = local;
    }

    @Override
    AwsBackend backend() {
        return local.services();
    }

    @Override
    Map<String, String> names() {
        return local.names();
    }
}
