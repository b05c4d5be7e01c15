<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.sanity_box</name>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>no map to check</source>
      <translation>没有可检验的图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>the checks explain one layer's map, not LayerCAM's fusion across layers: pick a layer</source>
      <translation>这些检验针对单独一层的图，而不是 LayerCAM 的跨层融合：请选一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>stale: the map changed since (run again)</source>
      <translation>已过时：图已经变了（请重新运行）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Randomisation check</source>
      <translation>随机化检验</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Re-initialise the weights from the output down and watch the map change</source>
      <translation>从输出层往下逐层重新初始化权重，观察图的变化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Deletion / insertion</source>
      <translation>删除 / 插入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Delete (insert) the map's top pixels and watch the class probability</source>
      <translation>删除（插入）图中得分最高的像素，观察类别概率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>blurred</source>
      <translation>模糊</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>zeros</source>
      <translation>全零</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>mean colour</source>
      <translation>平均颜色</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>darkest</source>
      <translation>最暗</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>What a deleted pixel becomes, and what insertion starts from</source>
      <translation>被删除的像素变成什么，以及插入从什么开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>rank corr. ρ</source>
      <translation>秩相关 ρ</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>p(class)</source>
      <translation>p(类别)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>fraction of pixels</source>
      <translation>像素比例</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>starting…</source>
      <translation>正在启动…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>cancelling…</source>
      <translation>正在取消…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>step %v of %m</source>
      <translation>第 %v / %m 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>the check failed</source>
      <translation>检验失败</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>not run (press its button)</source>
      <translation>尚未运行（请按对应按钮）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>(stale)</source>
      <translation>（已过时）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>Randomisation</source>
      <translation>随机化</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>the map against itself as the weights are randomised from the output down</source>
      <translation>权重从输出层往下逐层随机化时，图与原图的相关性</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>weights randomised from the output down to each module: {note}</source>
      <translation>权重从输出层往下随机化到各模块：{note}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>;
after step {steps}</source>
      <translation>；
第 {steps} 步之后</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>;
after steps {steps}</source>
      <translation>；
第 {steps} 步之后</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>the map before</source>
      <translation>原来的图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>class probability as the map's top pixels are deleted or inserted</source>
      <translation>删除或插入图中得分最高的像素时的类别概率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>deletion</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>insertion</source>
      <translation>插入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>(unfinished)</source>
      <translation>（未完成）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/sanity_box.py" />
      <source>p(class {target})</source>
      <translation>p(类别 {target})</translation>
    </message>
  </context>
</TS>
