package hk.tsw.gateway.testsupport;

import java.net.http.HttpRequest;

/**
 * The DEMO-ONLY API tokens (and broker passwords) of the embedded default's users ({@code config/users/}, hashes in
 * {@code config/demo/demo-secrets.properties}, listed in {@code config/demo/README.md}): the one place the tests,
 * the process tests and their helpers take a credential from.
 */
public final class ApiTokens {

    public static final String OPERATOR = "demo-operator-0NP7yq1bRAckr8rfcbfMVMmS6wwDn1dKvizaSnhmJDw";
    public static final String CED = "demo-ced-Tsci5PrprUf62n_q5ueFy_Hcj6vbA02Hy8JPphgZYTc";
    public static final String CSD = "demo-csd-iTTnnAkWiBTGXW13SDqomx8rxq6NT9eVoZiN0I88LzM";
    public static final String OFCA = "demo-ofca-U8KUd6MNCHpVFQsTmPhA25JbzYkeBMouDCaHcT4-vfo";
    public static final String TID = "demo-tid-XLxsy_Q5_bIZGiq8i2qSBcefYZVjo6cjnT5A6M87Pbs";
    public static final String AFCD = "demo-afcd-4nqAY2rf1LBoD0mbQI_NwHLo5BJCPp-IKVR9aqQAH0w";
    public static final String DH = "demo-dh-lIFvpwHBcr5M1uR-L5vzI-lhYyM_Vrc56yBcLqteAqg";
    public static final String EPD = "demo-epd-YZj7qTb19i3doVkRcLpT4QEF8aRklo90r1cUs9VaDtQ";
    public static final String FEHD = "demo-fehd-1NIH2VXks8K7wfGrLubQj_BSIW1_wIam74s9NoSptK8";
    public static final String MD = "demo-md-ihZ-xj7Dv50-m0ylVuzpJnyshIZEMA-Cl2AhsrklDHQ";
    public static final String DEMOFWD = "demo-demofwd-a6dUO4fPQZedOT8zckU_1lp0mZBu3OEODLz2gwMHyRY";
    public static final String DEMOLINE = "demo-demoline-fqN_29bx-3ryDNM4YEuxXiEDwP9XPgko5E1_ylE3VRc";
    public static final String DEMOTRADER = "demo-demotrader-bWGsfzYZOACpUJUYFyyWeh7seg6ptASEP8IUUDpRMAc";

    /** DEMO-ONLY broker accounts (config/demo/demo-secrets.properties): the node's, and agency.CSD's / agency.CED's. */
    public static final String BROKER_NODE_USER = "tsw-gateway";
    public static final String BROKER_NODE_PASSWORD = "tsw-gateway-DEMO-ONLY-broker-password";
    public static final String BROKER_CSD_PASSWORD = "csd-DEMO-ONLY-broker-password";
    public static final String BROKER_CED_PASSWORD = "ced-DEMO-ONLY-broker-password";

    private ApiTokens() {
    }

    /** {@code Authorization: Bearer <operator token>} on a request being built. */
    public static HttpRequest.Builder asOperator(HttpRequest.Builder request) {
        return as(OPERATOR, request);
    }

    public static HttpRequest.Builder as(String token, HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token);
    }
}
