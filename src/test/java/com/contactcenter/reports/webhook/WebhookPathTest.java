package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactcenter.reports.channel.ChannelAddress;
import com.contactcenter.reports.failure.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookPathTest {

    @Test
    void interfacePathNamesIntegratorAndChannel() {
        assertEquals(new ChannelAddress("gupshup", "202105102694809992"),
                WebhookPath.parse("/social/on/whatsapp/gupshup/message/202105102694809992",
                        "/whatsapp/gupshup/message/202105102694809992"));
    }

    @Test
    void unsupportedIntegratorIsNotFound() {
        assertEquals("unsupported integrator; supported: [gupshup]", assertThrows(NotFoundException.class,
                () -> WebhookPath.parse("/social/on/whatsapp/infobip/message/1", "/whatsapp/infobip/message/1")).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/whatsapp", "/whatsapp/gupshup/message", "/whatsapp/gupshup/message/",
        "/whatsapp/gupshup/report/1", "/sms/gupshup/message/1", "/whatsapp/gupshup/message/1/extra",
        "/whatsapp/Gupshup/message/1", "/whatsapp/gupshup/message/..", "/whatsapp/gupshup/message/1;x=y",
        "/whatsapp/gupshup/message/a%2Fb", "//whatsapp/gupshup/message/1"})
    void otherPathIsNotFound(String pathInfo) {
        assertThrows(NotFoundException.class, () -> WebhookPath.parse("/social/on" + pathInfo, pathInfo));
    }

    @Test
    void missingPathIsNotFound() {
        assertThrows(NotFoundException.class, () -> WebhookPath.parse("/social/on", null));
    }

    @Test
    void channelIdOverSixtyFourCharactersIsNotFound() {
        String pathInfo = "/whatsapp/gupshup/message/" + "1".repeat(65);
        assertThrows(NotFoundException.class, () -> WebhookPath.parse("/social/on" + pathInfo, pathInfo));
    }

    @Test
    void pathParameterThatTheContainerStrippedIsNotFound() {
        assertThrows(NotFoundException.class, () -> WebhookPath.parse(
                "/social/on/whatsapp/gupshup/message/1;jsessionid=2", "/whatsapp/gupshup/message/1"));
    }
}
