package dev.iampreflight.check;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A handler written from the package root while the code folder is below it (Serverless packaging only src/**). */
class HandlerBelowScanRootTest {

    @Test
    void leadingModulePartsNamingTheScanRootAreDropped() {
        assertEquals(Optional.of("lambda_handlers.handler"),
                TargetCode.belowScanRoot("src.lambda_handlers.handler", Path.of("/work/app/src")));
        assertEquals(Optional.of("handlers.api.main"),
                TargetCode.belowScanRoot("app.src.handlers.api.main", Path.of("/work/app/src")));
    }

    @Test
    void otherHandlersAreLeftAlone() {
        assertEquals(Optional.empty(), TargetCode.belowScanRoot("lambda_handlers.handler", Path.of("/work/app/src")));
        assertEquals(Optional.empty(), TargetCode.belowScanRoot("src.handler", Path.of("/work/app/src")));
    }
}
