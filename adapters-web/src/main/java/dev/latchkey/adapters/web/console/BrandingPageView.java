package dev.latchkey.adapters.web.console;

import dev.latchkey.adapters.web.portal.PortalPages;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.Workspace;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The branding form (the fields the console edits, as given), the portal preview's CSS for the saved
 * branding (the script then follows the form), the branding's warnings (contrast) and the form's problems.
 */
public record BrandingPageView(String workspaceName, Map<String, String> form, String previewCss, String previewName,
                               List<String> warnings, List<String> problems, boolean saved) implements ConsoleView {
    /** The fields this page edits. */
    static final List<String> EDITED = List.of("name", "primary_color", "accent_color", "background_color", "theme");

    static Map<String, String> formOf(Branding branding) {
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, Object> fields = branding.toFields();
        EDITED.forEach(f -> form.put(f, fields.get(f) == null ? "" : String.valueOf(fields.get(f))));
        return form;
    }

    static BrandingPageView of(Workspace workspace, Branding branding, Map<String, String> form, List<String> warnings, List<String> problems,
                               boolean saved) {
        // The portal's CSS variables, scoped to the preview: the portal's own rules then draw it as the portal would.
        String css = PortalPages.css(branding).replace(":root", "#preview");
        return new BrandingPageView(workspace.name().value(), form, css, branding.name().orElse(workspace.name().value()), warnings, problems,
                saved);
    }

    @Override
    public String template() {
        return "branding";
    }

    @Override
    public String title() {
        return "Branding · " + workspaceName;
    }

    @Override
    public Map<String, Object> toModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("preview_css", previewCss);
        model.put("preview_name", previewName);
        model.put("warnings", warnings);
        model.put("problems", problems);
        model.put("saved", saved);
        return model;
    }
}
