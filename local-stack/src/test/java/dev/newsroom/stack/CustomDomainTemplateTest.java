package dev.newsroom.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsroom.testkit.CloudFormationTemplate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A real domain: SiteUrl names it, CertificateArn lets the distribution serve it, HostedZoneId points it there. */
class CustomDomainTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.ofRepository();
    private final JsonNode distribution = template.resource("SiteDistribution").path("Properties").path("DistributionConfig");

    CustomDomainTemplateTest() throws Exception {
    }

    private static final String SITE_HOST = "[1,[\"https://\",\"${SiteUrl}https://\"]]";

    @Test
    void theDistributionServesSiteUrlsDomainWithItsCertificateOverModernTls() {
        JsonNode aliases = distribution.path("Aliases");
        assertEquals("HasCustomDomain", aliases.get(0).asText());
        assertEquals(SITE_HOST, aliases.get(1).get(0).toString(), "the host of SiteUrl");
        assertEquals("AWS::NoValue", aliases.get(2).asText());
        JsonNode certificate = distribution.path("ViewerCertificate");
        assertEquals("CertificateArn", certificate.path("AcmCertificateArn").get(1).asText());
        assertEquals("sni-only", certificate.path("SslSupportMethod").get(1).asText());
        assertEquals("TLSv1.2_2021", certificate.path("MinimumProtocolVersion").get(1).asText());
        assertEquals("true", certificate.path("CloudFrontDefaultCertificate").get(2).asText(), "without one, CloudFront's address alone");
        assertEquals("CertificateArn", template.root().path("Conditions").path("HasCustomDomain").get(0).get(0).asText());
    }

    @Test
    void onlyACertificateInUsEast1IsTaken() {
        Pattern arn = Pattern.compile(template.root().path("Parameters").path("CertificateArn").path("AllowedPattern").asText());
        assertTrue(arn.matcher("arn:aws:acm:us-east-1:123456789012:certificate/0b3f1c2e-1234-4d5e-9f00-abcdef012345").matches());
        assertTrue(arn.matcher("").matches(), "none: the CloudFront address");
        assertFalse(arn.matcher("arn:aws:acm:eu-west-1:123456789012:certificate/0b3f1c2e-1234-4d5e-9f00-abcdef012345").matches(),
                "CloudFront takes certificates from us-east-1 only");
    }

    @Test
    void theDnsRecordsAliasSiteUrlsDomainToTheDistribution() {
        JsonNode records = template.resource("SiteDomainRecords");
        assertEquals("HasDnsRecord", records.path("Condition").asText());
        assertEquals("HostedZoneId", records.path("Properties").path("HostedZoneId").asText());
        JsonNode sets = records.path("Properties").path("RecordSets");
        assertEquals(2, sets.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(i == 0 ? "A" : "AAAA", sets.get(i).path("Type").asText());
            assertEquals(SITE_HOST, sets.get(i).path("Name").toString());
            assertEquals("SiteDistribution.DomainName", sets.get(i).path("AliasTarget").path("DNSName").asText());
            assertEquals("Z2FDTNDATAQYW2", sets.get(i).path("AliasTarget").path("HostedZoneId").asText(), "CloudFront's own zone");
        }
        assertEquals("true", distribution.path("IPV6Enabled").asText(), "the AAAA record needs IPv6 on the distribution");
    }

    @Test
    void rulesKeepSiteUrlTheDomainThatIsServed() {
        JsonNode rules = template.root().path("Rules");
        JsonNode certificate = rules.path("CertificateServesSiteUrl");
        assertEquals("CertificateArn", certificate.path("RuleCondition").get(0).get(0).asText());
        assertEquals("SiteUrl", certificate.path("Assertions").get(0).path("Assert").get(0).get(0).asText());
        JsonNode dns = rules.path("DnsRecordNeedsCertificate");
        assertEquals("HostedZoneId", dns.path("RuleCondition").get(0).get(0).asText());
        assertEquals("CertificateArn", dns.path("Assertions").get(0).path("Assert").get(0).get(0).asText());
        assertEquals("SiteUrl", template.root().path("Globals").path("Function").path("Environment").path("Variables").path("SITE_URL").asText(),
                "the pages link the same domain");
    }
}
