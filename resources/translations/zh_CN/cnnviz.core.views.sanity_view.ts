<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.views.sanity_view</name>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>blurred image</source>
      <translation>模糊后的图像</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>zeros</source>
      <translation>全零</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>mean colour</source>
      <translation>平均颜色</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>darkest value</source>
      <translation>最暗值</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{done} of {total} step</source>
      <translation>{total} 步中的 {done} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{done} of {total} steps</source>
      <translation>{total} 步中的 {done} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{total} step</source>
      <translation>{total} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{total} steps</source>
      <translation>{total} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{steps}, one module each</source>
      <translation>{steps}，每步一个模块</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>{steps} of {each} consecutive modules ({modules} modules)</source>
      <translation>{steps}，每步 {each} 个相邻模块（共 {modules} 个模块）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>cancelled before the first step: nothing to judge</source>
      <translation>在第一步之前就已取消：无从判断</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>no step to judge</source>
      <translation>没有可判断的步</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>map changed: rank correlation falls to {rho} by {where} → the map depends on the weights</source>
      <translation>图变了：到 {where} 时秩相关降到 {rho} → 这张图依赖于权重</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>map barely changes (ρ ≥ {unchanged} throughout): it does not explain this model</source>
      <translation>图几乎不变（ρ 始终 ≥ {unchanged}）：它并没有解释这个模型</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>map changes a little (lowest ρ {rho} at {where}, never below {threshold}): it depends on the weights only weakly</source>
      <translation>图略有变化（最低 ρ 为 {rho}，在 {where}，从未低于 {threshold}）：它对权重的依赖很弱</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>cancelled after {done} of {total} steps; so far the {verdict}</source>
      <translation>在 {total} 步中的第 {done} 步后取消；到目前为止，{verdict}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>the {verdict}</source>
      <translation>{verdict}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>cancelled: the curves are unfinished, no areas</source>
      <translation>已取消：曲线未完成，没有面积</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>the map's top pixels carry the evidence</source>
      <translation>图中得分最高的像素承载了证据</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>the map's top pixels are not what the model uses</source>
      <translation>图中得分最高的像素并不是模型所依赖的</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>the order of the map's pixels barely matters</source>
      <translation>图中像素的先后顺序几乎无关紧要</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>deletion AUC {deletion} (small is good), insertion AUC {insertion} (large is good): {reading} (baseline: {baseline})</source>
      <translation>删除 AUC {deletion}（越小越好），插入 AUC {insertion}（越大越好）：{reading}（基线：{baseline}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>no maps to draw as thumbnails</source>
      <translation>没有可画成缩略图的图</translation>
    </message>
    <message>
      <location filename="cnnviz/core/views/sanity_view.py" />
      <source>thumbnail indices {indices} outside the {count} maps</source>
      <translation>缩略图索引 {indices} 超出了 {count} 张图的范围</translation>
    </message>
  </context>
</TS>
