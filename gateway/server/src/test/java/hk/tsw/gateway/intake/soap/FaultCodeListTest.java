package hk.tsw.gateway.intake.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import hk.tsw.gateway.testsupport.TestEngine;
import hk.tsw.gateway.intake.soap.contract.FaultCode;
import hk.tsw.gateway.intake.soap.contract.GatewayFaultCode;
import org.junit.jupiter.api.Test;

/**
 * One list of SOAP fault codes: the codes the service sends ({@link SoapFaultCode}, which {@link FaultReasons}
 * enforces on every outgoing fault, and the generated {@link GatewayFaultCode}) are exactly the enumerations of the
 * served schema, and each is in the SOAP channel's page {@code docs/SOAP.md} and in {@code docs/soap-faults.md}. The source check makes sure no fault is
 * raised with a code from outside the list.
 */
class FaultCodeListTest {

    private static final Path SOAP_SOURCES = TestEngine.REPO.resolve("gateway/server/src/main/java/hk/tsw/gateway/intake/soap");

    @Test
    void the_service_fault_codes_are_the_schemas_enumeration() {
        Set<String> service = new TreeSet<>(Arrays.stream(SoapFaultCode.values()).map(SoapFaultCode::prefixed).toList());
        Set<String> schema = new TreeSet<>(Arrays.stream(FaultCode.values()).map(FaultCode::value).toList());
        assertEquals(schema, service);
    }

    @Test
    void every_code_the_service_can_send_is_on_the_soap_page_and_the_fault_page() throws Exception {
        String channel = Files.readString(TestEngine.REPO.resolve("docs/SOAP.md"));
        String page = Files.readString(TestEngine.REPO.resolve("docs/soap-faults.md"));
        List<String> codes = new ArrayList<>();
        Arrays.stream(SoapFaultCode.values()).map(SoapFaultCode::prefixed).forEach(codes::add);
        Arrays.stream(GatewayFaultCode.values()).map(GatewayFaultCode::value).forEach(codes::add);
        for (String code : codes) {
            assertTrue(channel.contains("`" + code + "`"), code + " is missing from docs/SOAP.md");
            assertTrue(page.contains("`" + code + "`"), code + " is missing from docs/soap-faults.md");
        }
    }

    @Test
    void no_fault_is_raised_with_a_code_outside_the_list() throws Exception {
        Pattern soapFault = Pattern.compile("new SoapFault\\(([^;]*);", Pattern.DOTALL);
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(SOAP_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = soapFault.matcher(Files.readString(f));
                while (m.find()) {
                    checked++;
                    if (!m.group(1).contains("SoapFaultCode.") && !m.group(1).contains("code.get().qname()")
                            && !m.group(1).contains("code.qname()")) {
                        offenders.add(f.getFileName() + ": new SoapFault(" + m.group(1));
                    }
                }
                String text = Files.readString(f);
                if (!f.endsWith("SoapFaultCode.java") && text.matches("(?s).*new QName\\([^;]*\"[A-Z][A-Za-z]+\", *\"(tsw|wsse|wsu)\".*")) {
                    offenders.add(f.getFileName() + ": a fault code QName of its own");
                }
            }
        }
        assertTrue(checked > 3, "the check found the faults it checks: " + checked);
        assertEquals(List.of(), offenders);
    }
}
