package com.contactcenter.reports.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.contactcenter.reports.failure.InvalidRequestException;
import com.contactcenter.reports.failure.UnsupportedMediaTypeException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "application/json; charset=utf-8",
        "APPLICATION/JSON", "Application/Json;charset=ISO-8859-1", " application/json ; foo=bar"})
    void jsonMediaTypeIsAcceptedInAnyCaseWithAnyParameters(String contentType) {
        assertDoesNotThrow(() -> JsonBodyReader.requireJson(contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
        "application/json-patch+json", "", "json"})
    void otherMediaTypeIsRefused(String contentType) {
        assertThrows(UnsupportedMediaTypeException.class, () -> JsonBodyReader.requireJson(contentType));
    }

    @Test
    void missingMediaTypeIsRefused() {
        assertThrows(UnsupportedMediaTypeException.class, () -> JsonBodyReader.requireJson(null));
    }

    @Test
    void validUtf8IsDecoded() {
        assertEquals("{\"r\":\"não lido ✓\"}",
                JsonBodyReader.decodeUtf8("{\"r\":\"não lido ✓\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] latin1 = "{\"r\":\"não\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("body is not valid UTF-8",
                assertThrows(InvalidRequestException.class, () -> JsonBodyReader.decodeUtf8(latin1)).getMessage());
    }

    @Test
    void overlongUtf8EncodingIsRefused() {
        byte[] overlongSlash = {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        assertThrows(InvalidRequestException.class, () -> JsonBodyReader.decodeUtf8(overlongSlash));
    }
}
