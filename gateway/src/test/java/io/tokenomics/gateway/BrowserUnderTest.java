package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium per browser-test class: launched before its first test, closed after its last
 * ({@code @RegisterExtension static final BrowserUnderTest chromium = new BrowserUnderTest();}).
 */
final class BrowserUnderTest implements BeforeAllCallback, AfterAllCallback {
    private Chromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = Chromium.launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    Browser browser() {
        if (chromium == null) {
            throw new IllegalStateException("the browser runs only between the class's first and last test");
        }
        return chromium.browser();
    }
}
