package hk.tsw.gateway.routing;

import java.util.LinkedHashSet;
import java.util.Set;

import hk.tsw.gateway.canonical.model.ConsignmentType;
import hk.tsw.gateway.canonical.model.GoodsItemType;
import hk.tsw.gateway.canonical.model.TradeDocumentType;
import hk.tsw.gateway.canonical.model.TransportEquipmentType;

/** The references an operator searches a document by besides its own number: bills of lading, container numbers. */
final class DocumentReferences {

    private DocumentReferences() {
    }

    static Set<String> billsOfLading(TradeDocumentType doc) {
        Set<String> refs = new LinkedHashSet<>();
        for (ConsignmentType c : doc.getConsignment()) {
            if (c.getTransportContractDocument() != null) {
                refs.add(c.getTransportContractDocument().getID());
            }
        }
        return refs;
    }

    static Set<String> containers(TradeDocumentType doc) {
        Set<String> refs = new LinkedHashSet<>();
        doc.getTransportEquipment().stream().map(TransportEquipmentType::getID).forEach(refs::add);
        for (GoodsItemType item : doc.getGoodsItem()) {
            item.getTransportEquipment().stream().map(TransportEquipmentType::getID).forEach(refs::add);
        }
        for (ConsignmentType c : doc.getConsignment()) {
            for (GoodsItemType item : c.getGoodsItem()) {
                item.getTransportEquipment().stream().map(TransportEquipmentType::getID).forEach(refs::add);
            }
        }
        return refs;
    }
}
