package dev.iampreflight.config;

import dev.iampreflight.core.SourceLocation;

import java.util.List;
import java.util.Optional;

/**
 * One {@code targets} entry of the config file: the code a deploy target runs when its deploy files do not show it (an
 * EC2 instance, an ECS task whose image is built elsewhere, an EKS pod), or a correction of what they show.
 *
 * @param name     the target's name as {@code iam-preflight targets} lists it, or a glob ({@code *}, {@code ?})
 * @param code     files or folders relative to the config file's folder ('/'-separated)
 * @param handler  the entry point, {@code path/to/module.function} or {@code module:app} (a WSGI/ASGI app as gunicorn
 *                 and uvicorn name it); without it every call under {@code code} is charged to the target
 * @param location where the entry is written
 */
public record TargetSetting(String name, List<String> code, Optional<String> handler, SourceLocation location) {

    public TargetSetting {
        code = List.copyOf(code);
    }
}
